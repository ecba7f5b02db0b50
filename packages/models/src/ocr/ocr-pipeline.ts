// OCR of one image: detection -> line crops -> (direction classification) -> recognition.
import { OCR_DICTIONARY_FILE } from '../demo-zoo.ts';
import { ctcGreedyDecode, loadOcrDictionary } from './ctc-decode.ts';
import {
  extractTextRegions,
  type TextBoxOptions,
  type TextRegion,
} from './detection-postprocess.ts';
import { DEFAULT_DETECTION_MAX_SIDE, preprocessForDetection } from './detection-preprocess.ts';
import { DEFAULT_MAX_IMAGE_PIXELS, decodeImage } from './image-decode.ts';
import { cropQuad, rotate180 } from './line-crop.ts';
import { CLASSIFIER_LAYOUT, RECOGNITION_LAYOUT, lineBatches } from './line-preprocess.ts';
import { readFloatOutput } from './model-output.ts';
import type { ModelCall, OcrResult, RgbImage } from './ocr-types.ts';

export interface OcrOptions {
  /** images with more pixels are rejected before decoding */
  maxPixels?: number;
  /** the detector sees the image shrunk so its longer side is at most this */
  detectionMaxSide?: number;
  textBoxes?: TextBoxOptions;
  /**
   * Run the direction classifier and turn lines it finds upside down. Off by default, as in
   * PaddleOCR: it costs a model call per image, and upright text is the common case.
   */
  classifyDirection?: boolean;
  /** a line is turned only when the classifier is at least this sure (PaddleOCR's cls_thresh) */
  directionThreshold?: number;
  /** lines read with a lower confidence are dropped (PaddleOCR's drop_score) */
  minConfidence?: number;
  /** the recognizer's class labels; default: the PaddleOCR dictionary of the demo recognizer */
  labels?: readonly string[];
}

const DEFAULT_DIRECTION_THRESHOLD = 0.9;
const DEFAULT_MIN_CONFIDENCE = 0.5;

let demoLabels: Promise<string[]> | undefined;

export async function runOcrPipeline(
  image: Uint8Array,
  call: ModelCall,
  options: OcrOptions = {},
): Promise<OcrResult> {
  const decoded = await decodeImage(image, {
    maxPixels: options.maxPixels ?? DEFAULT_MAX_IMAGE_PIXELS,
  });
  const regions = await detectText(
    decoded,
    call,
    options.detectionMaxSide ?? DEFAULT_DETECTION_MAX_SIDE,
    options.textBoxes,
  );
  const result: OcrResult = { width: decoded.width, height: decoded.height, lines: [] };
  if (!regions.length) return result;

  let crops = regions.map((region) => cropQuad(decoded, region.quad));
  if (options.classifyDirection) {
    const threshold = options.directionThreshold ?? DEFAULT_DIRECTION_THRESHOLD;
    crops = await turnUpright(crops, call, threshold);
  }
  const labels = options.labels ?? (await (demoLabels ??= loadOcrDictionary(OCR_DICTIONARY_FILE)));
  const texts = await recognize(crops, call, labels);
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;

  regions.forEach(({ quad, box }, i) => {
    const { text, confidence } = texts[i]!;
    // Spaces at the ends of a line come from the margin of the crop, not from the text.
    const trimmed = text.trim();
    if (trimmed && confidence >= minConfidence) {
      const polygon = quad.map(([x, y]): [number, number] => [
        Math.round(Math.min(decoded.width, Math.max(0, x))),
        Math.round(Math.min(decoded.height, Math.max(0, y))),
      ]);
      result.lines.push({ text: trimmed, confidence, box, polygon });
    }
  });
  return result;
}

async function detectText(
  image: RgbImage,
  call: ModelCall,
  maxSide: number,
  options: TextBoxOptions | undefined,
): Promise<TextRegion[]> {
  const input = await preprocessForDetection(image, maxSide);
  const map = readFloatOutput('detection', await call('detection', [input.tensor]), [
    1,
    1,
    input.height,
    input.width,
  ]);
  return extractTextRegions(map.data, input.width, input.height, image, options);
}

async function turnUpright(
  crops: RgbImage[],
  call: ModelCall,
  threshold: number,
): Promise<RgbImage[]> {
  const upright = [...crops];
  // Batch after batch rather than all at once: memory stays bounded by one batch.
  for await (const batch of lineBatches(crops, CLASSIFIER_LAYOUT)) {
    const { data } = readFloatOutput('classifier', await call('classifier', [batch.tensor]), [
      batch.lines.length,
      2,
    ]);
    batch.lines.forEach((line, item) => {
      // Class 1 is "rotated by 180 degrees".
      if (data[item * 2 + 1]! >= threshold) upright[line] = rotate180(crops[line]!);
    });
  }
  return upright;
}

async function recognize(
  crops: RgbImage[],
  call: ModelCall,
  labels: readonly string[],
): Promise<{ text: string; confidence: number }[]> {
  const texts = new Array<{ text: string; confidence: number }>(crops.length);
  // Batch after batch: one batch's output, [N, T, 6625] floats as a plain array, is already
  // tens of MB.
  for await (const batch of lineBatches(crops, RECOGNITION_LAYOUT)) {
    const { shape, data } = readFloatOutput(
      'recognition',
      await call('recognition', [batch.tensor]),
      [batch.lines.length, -1, labels.length],
    );
    const steps = shape[1]!;
    batch.lines.forEach((line, item) => {
      texts[line] = ctcGreedyDecode(data, steps, labels, item * steps * labels.length);
    });
  }
  return texts;
}
