// The checks every uploaded image passes before a pixel is decoded: size in bytes, declared
// content type, the format read from the bytes themselves, and the pixel count from the header.
// Refusals are InferenceErrors (INVALID_ARGUMENT, or PAYLOAD_TOO_LARGE for bytes) whose
// `details.reason` says which check failed, so an api can answer 4xx with a precise reason.
import sharp from 'sharp';
import { InferenceError } from '@modelhub/inference';

export type ImageFormat = 'png' | 'jpeg' | 'webp';

/** The content types an image may be sent as, and the format each announces. */
export const IMAGE_CONTENT_TYPES: Readonly<Record<string, ImageFormat>> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  // Not registered, but common enough in the wild to accept.
  'image/jpg': 'jpeg',
  'image/webp': 'webp',
};

export const IMAGE_INPUT_REASONS = [
  /** the content type is not an image type we decode */
  'UNSUPPORTED_CONTENT_TYPE',
  /** the bytes are another format than the content type says */
  'CONTENT_TYPE_MISMATCH',
  /** more bytes than `maxBytes` */
  'IMAGE_TOO_LARGE',
  /** more pixels than `maxPixels` (a small file can decode to a huge bitmap) */
  'TOO_MANY_PIXELS',
  /** a real image, of a format we do not decode (GIF, TIFF, SVG, ...) */
  'UNSUPPORTED_IMAGE_FORMAT',
  /** empty, not an image, truncated or corrupt */
  'CORRUPT_IMAGE',
] as const;

export type ImageInputReason = (typeof IMAGE_INPUT_REASONS)[number];

export interface ImageLimits {
  /** the most bytes of an encoded image */
  maxBytes: number;
  /** the most pixels (width x height) of a decoded image */
  maxPixels: number;
}

/** 10 MiB and 20 megapixels (a 5000x4000 photo, about 60 MB of RGB once decoded). */
export const DEFAULT_IMAGE_LIMITS: ImageLimits = {
  maxBytes: 10 * 1024 * 1024,
  maxPixels: 20_000_000,
};

export interface ImageSource {
  format: ImageFormat;
  /** as stored, before any EXIF orientation */
  width: number;
  height: number;
}

export interface InspectImageOptions {
  /** as the client declared it (e.g. an HTTP Content-Type); checked against the bytes */
  contentType?: string | null;
  limits?: Partial<ImageLimits>;
}

export function imageInputError(
  reason: ImageInputReason,
  message: string,
  details: Record<string, unknown> = {},
): InferenceError {
  return new InferenceError(
    reason === 'IMAGE_TOO_LARGE' ? 'PAYLOAD_TOO_LARGE' : 'INVALID_ARGUMENT',
    message,
    { reason, ...details },
  );
}

/** The format a content type announces; UNSUPPORTED_CONTENT_TYPE for any other type. */
export function imageFormatOf(contentType: string): ImageFormat {
  // Parameters (`; charset=...`) and case do not change the type.
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  const format = IMAGE_CONTENT_TYPES[type];
  if (!format) {
    throw imageInputError(
      'UNSUPPORTED_CONTENT_TYPE',
      `content type '${type.slice(0, 100)}' is not an image we read; send image/png, image/jpeg or image/webp`,
      { contentType: type.slice(0, 100) },
    );
  }
  return format;
}

export function resolveImageLimits(limits: Partial<ImageLimits> = {}): ImageLimits {
  return { ...DEFAULT_IMAGE_LIMITS, ...limits };
}

export async function inspectImage(
  bytes: Uint8Array,
  options: InspectImageOptions = {},
): Promise<ImageSource> {
  const { maxBytes, maxPixels } = resolveImageLimits(options.limits);
  if (bytes.length > maxBytes) {
    throw imageInputError(
      'IMAGE_TOO_LARGE',
      `the image has ${bytes.length} bytes, more than the limit of ${maxBytes}`,
      { sizeBytes: bytes.length, maxBytes },
    );
  }
  const declared = options.contentType ? imageFormatOf(options.contentType) : null;
  if (bytes.length === 0) throw imageInputError('CORRUPT_IMAGE', 'the image is empty');

  let metadata: sharp.Metadata;
  try {
    metadata = await sharp(bytes).metadata();
  } catch (error) {
    throw corruptImage(error);
  }
  const format = metadata.format as string | undefined;
  if (format !== 'png' && format !== 'jpeg' && format !== 'webp') {
    throw imageInputError(
      'UNSUPPORTED_IMAGE_FORMAT',
      `unsupported image format '${format ?? 'unknown'}'; send PNG, JPEG or WebP`,
      { format: format ?? null },
    );
  }
  if (declared && declared !== format) {
    throw imageInputError(
      'CONTENT_TYPE_MISMATCH',
      `the content type says ${declared.toUpperCase()} but the bytes are ${format.toUpperCase()}`,
      { declared, actual: format },
    );
  }
  const { width = 0, height = 0 } = metadata;
  if (width * height > maxPixels) {
    throw imageInputError(
      'TOO_MANY_PIXELS',
      `the image has ${width}x${height} pixels, more than the limit of ${maxPixels}`,
      { width, height, maxPixels },
    );
  }
  return { format, width, height };
}

/** The header was fine (or unreadable) but the data is not an image: truncated or corrupt. */
export function corruptImage(error: unknown): InferenceError {
  return imageInputError(
    'CORRUPT_IMAGE',
    `not a readable PNG, JPEG or WebP image: ${(error as Error).message}`,
  );
}
