// Untrusted PNG/JPEG/WebP bytes -> 8-bit RGB pixels, with typed errors for anything else.
import sharp from 'sharp';
import {
  corruptImage,
  DEFAULT_IMAGE_LIMITS,
  inspectImage,
  type ImageLimits,
} from '../image-input/image-source.ts';
import type { RgbImage } from './ocr-types.ts';

/** 20 megapixels: a 5000x4000 photo, about 60 MB of RGB once decoded. */
export const DEFAULT_MAX_IMAGE_PIXELS = DEFAULT_IMAGE_LIMITS.maxPixels;

export interface DecodeImageOptions {
  maxPixels?: number;
  /** the most bytes accepted; no limit unless given (the caller read the bytes already) */
  maxBytes?: number;
  /** as the client declared it; checked against the bytes when given */
  contentType?: string | null;
}

/**
 * Refusals are InferenceErrors with `details.reason` (see IMAGE_INPUT_REASONS): INVALID_ARGUMENT
 * for corrupt, unsupported or too large (`maxPixels`) images, PAYLOAD_TOO_LARGE over `maxBytes`.
 */
export async function decodeImage(
  bytes: Uint8Array,
  { maxPixels = DEFAULT_MAX_IMAGE_PIXELS, maxBytes, contentType }: DecodeImageOptions = {},
): Promise<RgbImage> {
  // The header is read first so that the format and size are checked before any pixel is decoded.
  const limits: Partial<ImageLimits> = { maxPixels, maxBytes: maxBytes ?? Infinity };
  await inspectImage(bytes, { limits, contentType });
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
    throw corruptImage(error);
  }
}
