// The types the OCR pipeline's steps share, and its public input/output shapes.
import type { InferInputTensor, InferOutputTensor } from '@modelhub/inference';

export type OcrModel = 'detection' | 'recognition' | 'classifier';

/**
 * Runs one of the three OCR models on v2 tensors. The pipeline is written against this function
 * only, so the same code runs on local onnxruntime sessions and through runners over v2.
 */
export type ModelCall = (
  model: OcrModel,
  inputs: InferInputTensor[],
) => Promise<InferOutputTensor[]>;

/** An axis-aligned rectangle in pixels: x and y of the top-left corner. */
export interface PixelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface OcrLine {
  text: string;
  /** mean probability of the recognized characters, 0..1 */
  confidence: number;
  /** in original image pixels (after EXIF orientation) */
  box: PixelBox;
  /**
   * The text's rectangle, rotated with the line when it is skewed: four corners clockwise from
   * top-left, in whole pixels inside the image (PaddleOCR's four-point form).
   */
  polygon?: [number, number][];
}

export interface OcrResult {
  width: number;
  height: number;
  /** top-to-bottom, then left-to-right within a row */
  lines: OcrLine[];
}

/** A decoded image: 8-bit RGB, row-major, 3 bytes per pixel. */
export interface RgbImage {
  width: number;
  height: number;
  data: Buffer;
}
