// The whole pipeline on the real PaddleOCR models, on text rendered with the installed fonts.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InferenceError } from '@modelhub/inference';
import { loadLocalOcrModels, type LocalOcrModels } from './local-model-call.ts';
import type { ModelCall, OcrModel } from './ocr-types.ts';
import { runOcrPipeline } from './ocr-pipeline.ts';
import {
  renderTextImage as render,
  TEXT_IMAGE_PADDING as PADDING,
  type TextImageOptions,
} from './render-text-image.ts';

/**
 * Lines separated by \n; several fonts, sizes and colours, one and several lines per image,
 * skewed pages and one degraded scan.
 */
const SAMPLES: TextImageOptions[] = [
  { text: 'HELLO WORLD 2026' },
  { text: 'Invoice No. 48213, due 2025-03-14' },
  { text: 'The quick brown fox\njumps over the lazy dog\n0123456789' },
  { text: 'Order 7731 shipped to Berlin', font: 'DejaVu Serif' },
  { text: 'SALE 50% OFF', font: 'DejaVu Sans Bold', color: 'white', background: '#1f3a93' },
  { text: 'Meeting at 10:45 in Room B12\nBring 3 copies of the report', font: 'DejaVu Sans Mono' },
  { text: 'Small print: 12 items at $4.99 each', dpi: 100 },
  { text: 'Apples            3.20\nBananas           1.15', font: 'DejaVu Sans Mono', dpi: 150 },
  {
    text: 'Dear customer,\nyour parcel 4471-992 will arrive\non Friday between 9:00 and 12:00.\nThank you for shopping with us!',
    font: 'DejaVu Serif',
    dpi: 150,
    color: '#333333',
    background: '#f4f0e6',
  },
  {
    text: 'WARNING: HIGH VOLTAGE',
    font: 'DejaVu Sans Condensed Bold',
    dpi: 300,
    color: '#b00000',
    background: '#ffe680',
  },
  { text: 'Tracking ID 9Z4K-77QA\nparcel for Anna Lee', rotate: 12 },
  { text: 'Batch 0042 expires 11/2027', dpi: 150, rotate: -25 },
  { text: 'Receipt #5520 total 87.40 EUR', degraded: true },
];

/** Word boundaries count, their kind and number do not: lines are joined with one space. */
function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function levenshtein(a: string, b: string): number {
  const [x, y] = [Array.from(a), Array.from(b)];
  let row = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const next = [i];
    for (let j = 1; j <= y.length; j++) {
      next[j] = Math.min(
        row[j]! + 1,
        next[j - 1]! + 1,
        row[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1),
      );
    }
    row = next;
  }
  return row[y.length]!;
}

describe('runOcrPipeline on the demo models', () => {
  let models: LocalOcrModels;
  beforeAll(async () => {
    models = await loadLocalOcrModels();
  });
  afterAll(async () => {
    await models.dispose();
  });

  it('reads rendered text with a low character error rate', async () => {
    let errors = 0;
    let characters = 0;
    const report: string[] = [];
    for (const sample of SAMPLES) {
      const started = performance.now();
      const result = await runOcrPipeline(await render(sample), models.call);
      const ms = Math.round(performance.now() - started);
      const reference = normalize(sample.text);
      const read = normalize(result.lines.map((line) => line.text).join(' '));
      const distance = levenshtein(reference, read);
      const cer = distance / Array.from(reference).length;
      errors += distance;
      characters += Array.from(reference).length;
      report.push(
        `CER ${cer.toFixed(3)}  ${ms} ms  ${JSON.stringify(reference)} -> ${JSON.stringify(read)}`,
      );
      // Measured worst: 0.138, the degraded scan losing its 4 word spaces. A few slips more are
      // tolerated; a systematic fault (wrong normalisation, a dictionary off by one, crops
      // that cut the text) reads most characters wrong.
      expect(cer, reference).toBeLessThanOrEqual(0.25);

      for (const line of result.lines) {
        expect(line.confidence).toBeGreaterThanOrEqual(0.5);
        expect(line.box.x + line.box.width).toBeLessThanOrEqual(result.width);
        expect(line.box.y + line.box.height).toBeLessThanOrEqual(result.height);
      }
    }
    const overall = errors / characters;
    console.warn(
      `OCR character error rate over ${SAMPLES.length} images: ${overall.toFixed(4)} ` +
        `(${errors} edits / ${characters} characters)\n${report.join('\n')}`,
    );
    // Measured: 0.0102 (5 edits in 489 characters: the degraded scan's word spaces and O read as
    // 0 on the blue background; every other image exact). Glyph rendering and float rounding
    // differ a little between Pango versions and CPUs, so the bound allows five times that;
    // a broken step shows as 0.3 and more.
    expect(overall).toBeLessThanOrEqual(0.05);
  });

  it('gives boxes around each line, top to bottom, in original image pixels', async () => {
    const sample = SAMPLES[2]!;
    const result = await runOcrPipeline(await render(sample), models.call);
    expect(result.lines.map((line) => line.text)).toEqual(sample.text.split('\n'));
    const tops = result.lines.map((line) => line.box.y);
    expect(tops).toEqual([...tops].sort((a, b) => a - b));
    for (const { box, polygon } of result.lines) {
      // The text starts at the margin; the box reaches a little beyond it.
      expect(box.x).toBeGreaterThan(PADDING - 12);
      expect(box.x).toBeLessThanOrEqual(PADDING + 4);
      expect(polygon).toHaveLength(4);
      for (const [x, y] of polygon!) {
        expect(x).toBeGreaterThanOrEqual(box.x);
        expect(x).toBeLessThanOrEqual(box.x + box.width);
        expect(y).toBeGreaterThanOrEqual(box.y);
        expect(y).toBeLessThanOrEqual(box.y + box.height);
      }
      // Upright text gets a nearly upright rectangle.
      const [[, topLeftY], [, topRightY]] = polygon as [[number, number], [number, number]];
      expect(Math.abs(topRightY - topLeftY)).toBeLessThanOrEqual(2);
    }
  });

  it('gives a skewed line a polygon along the line', async () => {
    const sample = SAMPLES[11]!;
    const result = await runOcrPipeline(await render(sample), models.call);
    expect(result.lines.map((line) => line.text)).toEqual([sample.text]);
    const [topLeft, topRight] = result.lines[0]!.polygon!;
    const degrees =
      (Math.atan2(topRight![1] - topLeft![1], topRight![0] - topLeft![0]) * 180) / Math.PI;
    expect(Math.abs(degrees - sample.rotate!)).toBeLessThan(2);
  });

  it('finds no lines in an empty white image', async () => {
    const white = await sharp({
      create: { width: 640, height: 480, channels: 3, background: '#ffffff' },
    })
      .png()
      .toBuffer();
    expect(await runOcrPipeline(white, models.call)).toEqual({
      width: 640,
      height: 480,
      lines: [],
    });
  });

  it('rejects corrupt bytes with INVALID_ARGUMENT before any model runs', async () => {
    const calls: OcrModel[] = [];
    const counting: ModelCall = (model, inputs) => {
      calls.push(model);
      return models.call(model, inputs);
    };
    const png = await render(SAMPLES[0]!);
    for (const bytes of [Buffer.from('GIF89a not really'), png.subarray(0, png.length - 200)]) {
      const error: unknown = await runOcrPipeline(bytes, counting).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InferenceError);
      expect((error as InferenceError).code).toBe('INVALID_ARGUMENT');
    }
    expect(calls).toEqual([]);
  });

  it('turns a line rotated by 180 degrees upright when the direction classifier runs', async () => {
    const upsideDown = await sharp(await render(SAMPLES[1]!))
      .rotate(180)
      .toBuffer();
    const classified = await runOcrPipeline(upsideDown, models.call, { classifyDirection: true });
    expect(classified.lines.map((line) => line.text)).toEqual([SAMPLES[1]!.text]);
    // Without it the recognizer reads upside-down glyphs at a confidence below the drop score.
    const unclassified = await runOcrPipeline(upsideDown, models.call);
    expect(unclassified.lines.map((line) => line.text)).not.toContain(SAMPLES[1]!.text);
  });

  it('turns each line of a rotated page, but does not reorder the lines', async () => {
    const sample = SAMPLES[2]!;
    const upsideDown = await sharp(await render(sample))
      .rotate(180)
      .toBuffer();
    const result = await runOcrPipeline(upsideDown, models.call, { classifyDirection: true });
    // Lines are classified one by one; the page's own orientation is not, so the last line of
    // the page is read first.
    expect(result.lines.map((line) => line.text)).toEqual(sample.text.split('\n').reverse());
  });

  it('reports a label list that does not fit the recognizer as INTERNAL', async () => {
    const error: unknown = await runOcrPipeline(await render(SAMPLES[0]!), models.call, {
      labels: ['', 'A', 'B'],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InferenceError);
    expect((error as InferenceError).code).toBe('INTERNAL');
  });
});
