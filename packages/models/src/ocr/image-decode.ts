// Untrusted PNG/JPEG bytes -> 8-bit RGB pixels, with typed errors for anything else.
import sharp from 'sharp';
import { InferenceError } from '@modelhub/inference';
import type { RgbImage } from './ocr-types.ts';

/** 20 megapixels: a 5000x4000 photo, about 60 MB of RGB once decoded. */
export const DEFAULT_MAX_IMAGE_PIXELS = 20_000_000;

const SUPPORTED_FORMATS = new Set(['png', 'jpeg']);

export interface DecodeImageOptions {
  maxPixels?: number;
}

export async function decodeImage(
  bytes: Uint8Array,
  { maxPixels = DEFAULT_MAX_IMAGE_PIXELS }: DecodeImageOptions = {},
): Promise<RgbImage> {
  // The header is read first so that the format and size are checked before any pixel is decoded.
  let metadata: sharp.Metadata;
  try {
    metadata = await sharp(bytes).metadata();
  } catch (error) {
    throw notAnImage(error);
  }
  if (!metadata.format || !SUPPORTED_FORMATS.has(metadata.format)) {
    throw new InferenceError(
      'INVALID_ARGUMENT',
      `unsupported image format '${metadata.format ?? 'unknown'}'; send PNG or JPEG`,
    );
  }
  const { width = 0, height = 0 } = metadata;
  if (width * height > maxPixels) {
    throw new InferenceError(
      'INVALID_ARGUMENT',
      `the image has ${width}x${height} pixels, more than the limit of ${maxPixels}`,
      { width, height, maxPixels },
    );
  }
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: maxPixels })
      // Phone photos store their orientation in EXIF; boxes refer to the image as it is seen.
      .rotate()
      // Transparent pixels become paper-white, which is what text is usually rendered on.
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, data };
  } catch (error) {
    // The header was fine but the pixel data is not: truncated or corrupt.
    throw notAnImage(error);
  }
}

function notAnImage(error: unknown): InferenceError {
  return new InferenceError(
    'INVALID_ARGUMENT',
    `not a readable PNG or JPEG image: ${(error as Error).message}`,
  );
}
