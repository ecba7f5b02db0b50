// An RGB image -> the detector's input: resized to multiples of 32, ImageNet-normalised NCHW.
import sharp from 'sharp';
import type { InferInputTensor } from '@modelhub/inference';
import type { RgbImage } from './ocr-types.ts';
import { IMAGENET_NORMALIZATION, writeBgrPlanes } from './pixel-normalize.ts';

/** PaddleOCR's default for PP-OCRv4 detection: the longer side at most 960 pixels. */
export const DEFAULT_DETECTION_MAX_SIDE = 960;

/** DBNet downsamples by 32, so both sides must be multiples of it. */
const STRIDE = 32;

export interface DetectionInput {
  tensor: InferInputTensor;
  /** the size the image was resized to, which is also the size of the probability map */
  width: number;
  height: number;
}

/**
 * PaddleOCR's `DetResizeForTest` with `limit_type: max`: shrink (never enlarge) so the longer side
 * fits `maxSide`, then round each side to the nearest multiple of 32. The aspect ratio moves a
 * little; the postprocess maps boxes back with separate x and y scales.
 */
function detectionSize(
  width: number,
  height: number,
  maxSide = DEFAULT_DETECTION_MAX_SIDE,
): { width: number; height: number } {
  const ratio = Math.min(1, maxSide / Math.max(width, height));
  const round = (side: number) => Math.max(STRIDE, Math.round((side * ratio) / STRIDE) * STRIDE);
  return { width: round(width), height: round(height) };
}

export async function preprocessForDetection(
  image: RgbImage,
  maxSide = DEFAULT_DETECTION_MAX_SIDE,
): Promise<DetectionInput> {
  const size = detectionSize(image.width, image.height, maxSide);
  const resized = await sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: 3 },
  })
    .resize(size.width, size.height, { fit: 'fill' })
    .raw()
    .toBuffer();
  const data = new Float32Array(3 * size.width * size.height);
  writeBgrPlanes(resized, size.width, size.height, IMAGENET_NORMALIZATION, data);
  return {
    tensor: {
      name: 'x',
      datatype: 'FP32',
      shape: [1, 3, size.height, size.width],
      data: Array.from(data),
    },
    width: size.width,
    height: size.height,
  };
}
