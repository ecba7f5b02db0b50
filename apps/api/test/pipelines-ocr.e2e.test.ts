// OCR as one composite model over real HTTP: recognizeText and the image route on
// `modelhub/ppocr-ocr`, whose stages (PP-OCRv4 detection, direction classifier, recognition) run
// on the real runner; one usage event per call at the composite's price, none for the stages.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  characterErrorRate,
  OCR_CLASSIFIER,
  OCR_COMPOSITE,
  OCR_DETECTOR,
  OCR_RECOGNIZER,
  renderTextImage,
  type TextImageOptions,
} from '@modelhub/models';
import {
  createTestKey,
  PREDICT,
  startPlatform,
  type GraphQLResponse,
  type Platform,
} from './platform-fixture.ts';

const OCR = 'modelhub/ppocr-ocr';

const RECOGNIZE_TEXT = `
  mutation RecognizeText($model: String!, $image: ImageInput!, $idempotencyKey: String) {
    recognizeText(model: $model, image: $image, idempotencyKey: $idempotencyKey) {
      id model costMicros currency replayed text width height
      lines { text confidence box { x y width height } polygon { x y } }
      timings { queueMs computeMs totalMs }
    }
  }`;

/** Known strings in several fonts and layouts; lines separated by \n. */
const SAMPLES: TextImageOptions[] = [
  { text: 'HELLO WORLD 2026' },
  { text: 'Invoice No. 48213, due 2025-03-14' },
  { text: 'The quick brown fox\njumps over the lazy dog\n0123456789' },
  { text: 'Order 7731 shipped to Berlin', font: 'DejaVu Serif' },
  { text: 'SALE 50% OFF', font: 'DejaVu Sans Bold', color: 'white', background: '#1f3a93' },
  { text: 'Meeting at 10:45 in Room B12\nBring 3 copies of the report', font: 'DejaVu Sans Mono' },
  { text: 'Batch 0042 expires 11/2027', dpi: 150, rotate: -12 },
];

let platform: Platform;
let key: string;
let compositeVersionId: string;

beforeAll(async () => {
  // Resolved versions are not cached, so a withdrawn stage is seen at once.
  platform = await startPlatform({ lookupCacheMs: 0 });
  key = await createTestKey(platform.db, { organizationId: platform.seed.demoOrganizationId });
  compositeVersionId = (
    await platform.db.modelVersion.findFirstOrThrow({
      where: { model: { slug: OCR_COMPOSITE.slug }, version: OCR_COMPOSITE.version },
    })
  ).id;
});
afterAll(() => platform?.close());

const recognize = (image: Buffer, extra: Record<string, unknown> = {}, apiKey = key) =>
  platform.graphql(
    RECOGNIZE_TEXT,
    { model: OCR, image: { base64: image.toString('base64') }, ...extra },
    apiKey,
  );

/** Usage events by model slug, and the organization's prediction count. */
async function usage(organizationId = platform.seed.demoOrganizationId) {
  const events = await platform.db.usageEvent.findMany({
    where: { organizationId },
    include: { modelVersion: { include: { model: true } } },
  });
  const bySlug: Record<string, number> = {};
  for (const e of events) {
    bySlug[e.modelVersion.model.slug] = (bySlug[e.modelVersion.model.slug] ?? 0) + 1;
  }
  const predictions = await platform.db.prediction.count({ where: { organizationId } });
  return { total: events.length, bySlug, predictions };
}

/** Infer requests the runner answered per model, from its Prometheus metrics. */
async function runnerRequests(): Promise<Record<string, number>> {
  const text = await (await fetch(`${platform.runner.url}/metrics`)).text();
  const counts: Record<string, number> = {};
  for (const match of text.matchAll(
    /^modelhub_runner_requests_total\{[^}]*model="([^"]+)"[^}]*code="OK"[^}]*\} (\d+)/gm,
  )) {
    counts[match[1]!] = (counts[match[1]!] ?? 0) + Number(match[2]);
  }
  return counts;
}

function errorOf(res: GraphQLResponse) {
  expect(res.errors, JSON.stringify(res.data)).toHaveLength(1);
  return res.errors![0]!.extensions;
}

const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('recognizeText on the OCR composite', () => {
  it('reads rendered text back with a low character error rate, one usage event per call', async () => {
    const report: string[] = [];
    const references: string[] = [];
    const readings: string[] = [];
    const runnerBefore = await runnerRequests();
    for (const sample of SAMPLES) {
      const before = await usage();
      const image = await renderTextImage(sample);
      const res = await recognize(image);
      expect(res.errors).toBeUndefined();
      const r = res.data.recognizeText;
      expect(r.model).toBe(`${OCR}@${OCR_COMPOSITE.version}`);
      expect(r.replayed).toBe(false);
      expect(r.costMicros).toBe(String(OCR_COMPOSITE.price.amountMicros));
      expect(r.text).toBe(r.lines.map((l: { text: string }) => l.text).join('\n'));
      const { width, height } = await sharp(image).metadata();
      expect({ width: r.width, height: r.height }).toEqual({ width, height });
      for (const line of r.lines) {
        expect(line.confidence).toBeGreaterThanOrEqual(0.5);
        expect(line.confidence).toBeLessThanOrEqual(1);
        expect(line.polygon).toHaveLength(4);
        for (const { x, y } of line.polygon) {
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(r.width);
          expect(y).toBeGreaterThanOrEqual(0);
          expect(y).toBeLessThanOrEqual(r.height);
        }
        expect(line.box.x + line.box.width).toBeLessThanOrEqual(r.width);
        expect(line.box.y + line.box.height).toBeLessThanOrEqual(r.height);
      }
      expect(r.timings.computeMs).toBeGreaterThan(0);

      // Exactly one usage event and one prediction, for the composite; none for its stages.
      const after = await usage();
      expect(after.total - before.total).toBe(1);
      expect(after.predictions - before.predictions).toBe(1);
      expect(
        (after.bySlug[OCR_COMPOSITE.slug] ?? 0) - (before.bySlug[OCR_COMPOSITE.slug] ?? 0),
      ).toBe(1);
      const event = await platform.db.usageEvent.findFirstOrThrow({
        where: { predictionId: r.id },
      });
      expect(event).toMatchObject({
        modelVersionId: compositeVersionId,
        unit: 'PER_CALL',
        amountMicros: OCR_COMPOSITE.price.amountMicros,
      });

      const reference = normalize(sample.text);
      const read = normalize(r.text);
      references.push(reference);
      readings.push(read);
      report.push(
        `CER ${characterErrorRate([reference], [read]).toFixed(3)}  ${JSON.stringify(reference)} -> ${JSON.stringify(read)}`,
      );
    }
    const cer = characterErrorRate(references, readings);
    console.warn(
      `recognizeText character error rate over ${SAMPLES.length} rendered images: ${cer.toFixed(4)}\n${report.join('\n')}`,
    );
    // The pipeline library measures about 0.01 on images like these; a broken stage, a stage
    // answer read wrongly or crops that cut the text read most characters wrong (0.3 and more).
    expect(cer).toBeLessThanOrEqual(0.05);

    // The stages ran on the runner: detection and direction once per image, recognition per batch.
    const runnerAfter = await runnerRequests();
    const ran = (model: { slug: string }) =>
      (runnerAfter[`modelhub.${model.slug}`] ?? 0) - (runnerBefore[`modelhub.${model.slug}`] ?? 0);
    expect(ran(OCR_DETECTOR)).toBe(SAMPLES.length);
    expect(ran(OCR_CLASSIFIER)).toBeGreaterThanOrEqual(SAMPLES.length);
    expect(ran(OCR_RECOGNIZER)).toBeGreaterThanOrEqual(SAMPLES.length);
    const totals = await usage();
    for (const stage of [OCR_DETECTOR, OCR_CLASSIFIER, OCR_RECOGNIZER]) {
      expect(totals.bySlug[stage.slug]).toBeUndefined();
    }
  });

  it('turns an upside-down line with the direction stage', async () => {
    const sample = SAMPLES[1]!;
    const upsideDown = await sharp(await renderTextImage(sample))
      .rotate(180)
      .png()
      .toBuffer();
    const res = await recognize(upsideDown);
    expect(res.errors).toBeUndefined();
    expect(res.data.recognizeText.text).toBe(sample.text);
  });

  it('answers a retry with the same idempotency key from the first call, charged once', async () => {
    const image = await renderTextImage(SAMPLES[0]!);
    const before = await usage();
    const first = await recognize(image, { idempotencyKey: 'ocr-retry-1' });
    const again = await recognize(image, { idempotencyKey: 'ocr-retry-1' });
    expect(first.errors).toBeUndefined();
    expect(again.data.recognizeText).toMatchObject({
      id: first.data.recognizeText.id,
      replayed: true,
      text: first.data.recognizeText.text,
      lines: first.data.recognizeText.lines,
      costMicros: first.data.recognizeText.costMicros,
    });
    expect((await usage()).total - before.total).toBe(1);
  });

  it('reads a raw image body on the image route, charged once', async () => {
    const sample = SAMPLES[3]!;
    const jpeg = await sharp(await renderTextImage(sample))
      .jpeg({ quality: 92 })
      .toBuffer();
    const before = await usage();
    const res = await fetch(`${platform.api.url}/v2/models/modelhub/ppocr-ocr/image`, {
      method: 'POST',
      headers: { 'content-type': 'image/jpeg', authorization: `Bearer ${key}` },
      body: jpeg,
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body).toMatchObject({
      model_name: OCR,
      model_version: OCR_COMPOSITE.version,
      text: sample.text,
      parameters: { cost_micros: String(OCR_COMPOSITE.price.amountMicros), replayed: false },
    });
    expect(body.lines[0].polygon).toHaveLength(4);
    expect((await usage()).total - before.total).toBe(1);
  });
});

describe('recognizeText refusals: typed and not charged', () => {
  it('refuses bad images and wrong models before any stage runs', async () => {
    const png = await renderTextImage(SAMPLES[0]!);
    const huge = await sharp({
      create: { width: 5000, height: 4001, channels: 3, background: '#ffffff' },
    })
      .png()
      .toBuffer();
    const before = await usage();
    const runnerBefore = await runnerRequests();
    const cases: [string, Promise<GraphQLResponse>, string, string | undefined][] = [
      ['corrupt', recognize(png.subarray(0, png.length - 100)), 'BAD_USER_INPUT', 'CORRUPT_IMAGE'],
      ['too many pixels', recognize(huge), 'BAD_USER_INPUT', 'TOO_MANY_PIXELS'],
      [
        'a JPEG content type for a PNG',
        recognize(png, { image: { base64: png.toString('base64'), contentType: 'image/jpeg' } }),
        'BAD_USER_INPUT',
        'CONTENT_TYPE_MISMATCH',
      ],
      [
        'a model that is not an OCR pipeline',
        recognize(png, { model: 'modelhub/mnist-digit-classifier' }),
        'BAD_USER_INPUT',
        'NOT_AN_OCR_PIPELINE',
      ],
    ];
    for (const [what, call, code, reason] of cases) {
      expect(errorOf(await call), what).toMatchObject({ code, reason });
    }
    // The composite has no tensors of its own: `predict` refuses any input.
    const predict = await platform.graphql(
      PREDICT,
      { model: OCR, inputs: [{ name: 'image', datatype: 'FP32', shape: [1], data: [0] }] },
      key,
    );
    expect(errorOf(predict).code).toBe('BAD_USER_INPUT');

    expect(await usage()).toEqual(before);
    expect(await runnerRequests()).toEqual(runnerBefore);
  });

  it('answers an organization without credit with PAYMENT_REQUIRED before any stage runs', async () => {
    const broke = await platform.db.organization.create({ data: { slug: 'broke', name: 'Broke' } });
    const brokeKey = await createTestKey(platform.db, { organizationId: broke.id });
    const runnerBefore = await runnerRequests();
    const res = await recognize(await renderTextImage(SAMPLES[0]!), {}, brokeKey);
    expect(errorOf(res).code).toBe('PAYMENT_REQUIRED');
    expect(await runnerRequests()).toEqual(runnerBefore);
    expect((await usage(broke.id)).total).toBe(0);
  });

  it('refuses a composite whose stage was withdrawn, charging nothing', async () => {
    const detection = await platform.db.modelVersion.findFirstOrThrow({
      where: { model: { slug: OCR_DETECTOR.slug }, version: OCR_DETECTOR.version },
    });
    await platform.db.modelVersion.update({
      where: { id: detection.id },
      data: { status: 'YANKED' },
    });
    try {
      const before = await usage();
      const res = await recognize(await renderTextImage(SAMPLES[0]!));
      expect(errorOf(res)).toMatchObject({
        code: 'NOT_FOUND',
        reason: 'PIPELINE_STAGE_UNAVAILABLE',
        stage: 'detection',
      });
      expect(await usage()).toEqual(before);
    } finally {
      await platform.db.modelVersion.update({
        where: { id: detection.id },
        data: { status: 'PUBLISHED' },
      });
    }
  });
});
