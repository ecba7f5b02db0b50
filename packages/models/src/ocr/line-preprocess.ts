// Text-line crops -> batches of [N, 3, 48, W] tensors for the recognizer and the direction
// classifier: each line resized to height 48 keeping its aspect ratio, normalised to [-1, 1] and
// padded on the right; lines of equal padded width share a batch.
import sharp from 'sharp';
import type { InferInputTensor } from '@modelhub/inference';
import type { RgbImage } from './ocr-types.ts';
import { SYMMETRIC_NORMALIZATION, writeBgrPlanes } from './pixel-normalize.ts';

export const LINE_HEIGHT = 48;

export interface LineLayout {
  /** padded widths never go below this (the width the model was trained on) */
  minWidth: number;
  /** longer lines are squeezed to this width */
  maxWidth: number;
  /** padded widths are rounded up to a multiple of this, so similar lines batch together */
  widthStep: number;
  batchSize: number;
}

/**
 * PP-OCRv4 recognition was trained on 48x320 and PaddleOCR widens the input for longer lines
 * rather than squeezing them. The SVTR head emits one time step per 8 columns; squeezing a line
 * into too few steps leaves no room for the blanks that separate repeated letters, so the cap is
 * generous (about 50 characters of Latin text) and only guards the cost of absurd crops.
 */
export const RECOGNITION_LAYOUT: LineLayout = {
  minWidth: 320,
  maxWidth: 1600,
  widthStep: 64,
  batchSize: 8,
};

/** The direction classifier takes a fixed 48x192. */
export const CLASSIFIER_LAYOUT: LineLayout = {
  minWidth: 192,
  maxWidth: 192,
  widthStep: 192,
  batchSize: 16,
};

export interface LineBatch {
  /** positions in the input list of the lines in this batch, in tensor order */
  lines: number[];
  tensor: InferInputTensor;
}

/**
 * The batches, built one at a time as they are consumed, so that only one batch's tensor exists
 * at once however many lines an image has.
 */
export async function* lineBatches(
  lines: RgbImage[],
  layout: LineLayout,
): AsyncGenerator<LineBatch> {
  const widths = lines.map((line) => resizedWidth(line, layout));
  const byWidth = new Map<number, number[]>();
  widths.forEach((width, index) => {
    const padded = Math.max(
      layout.minWidth,
      Math.min(layout.maxWidth, Math.ceil(width / layout.widthStep) * layout.widthStep),
    );
    const group = byWidth.get(padded);
    if (group) group.push(index);
    else byWidth.set(padded, [index]);
  });
  for (const [width, indices] of byWidth) {
    for (let start = 0; start < indices.length; start += layout.batchSize) {
      const members = indices.slice(start, start + layout.batchSize);
      const resized = await Promise.all(
        members.map((index) => resizeLine(lines[index]!, widths[index]!)),
      );
      const itemSize = 3 * LINE_HEIGHT * width;
      // Zero-filled: the padding is 0 in normalised units, mid-grey, as PaddleOCR pads.
      const data = new Float32Array(members.length * itemSize);
      resized.forEach((pixels, item) => {
        writeBgrPlanes(
          pixels,
          widths[members[item]!]!,
          LINE_HEIGHT,
          SYMMETRIC_NORMALIZATION,
          data,
          item * itemSize,
          width,
        );
      });
      yield {
        lines: members,
        tensor: {
          name: 'x',
          datatype: 'FP32',
          shape: [members.length, 3, LINE_HEIGHT, width],
          data: Array.from(data),
        },
      };
    }
  }
}

/** The width at height 48 with the aspect ratio kept, or the maximum for longer lines. */
function resizedWidth(line: RgbImage, layout: LineLayout): number {
  return Math.min(layout.maxWidth, Math.ceil((LINE_HEIGHT * line.width) / line.height));
}

async function resizeLine(line: RgbImage, width: number): Promise<Buffer> {
  return sharp(line.data, { raw: { width: line.width, height: line.height, channels: 3 } })
    .resize(width, LINE_HEIGHT, { fit: 'fill' })
    .raw()
    .toBuffer();
}
