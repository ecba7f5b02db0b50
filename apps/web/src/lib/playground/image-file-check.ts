/**
 * The checks the playground makes on an image before sending it, the same limits as the api's
 * (`ImageInput`: PNG, JPEG or WebP, up to 10 MiB and 20 megapixels), so a wrong file is refused
 * at once with a sentence instead of after an upload.
 */
export const ACCEPTED_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type AcceptedImageType = (typeof ACCEPTED_IMAGE_TYPES)[number];

/** The api's limits on one image. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
export const MAX_IMAGE_PIXELS = 20_000_000;

export type ImageFileCheck =
  { ok: true; contentType: AcceptedImageType } | { ok: false; message: string };

function isAccepted(type: string): type is AcceptedImageType {
  return (ACCEPTED_IMAGE_TYPES as readonly string[]).includes(type);
}

function formatMiB(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** Type and size, known before the file is read. */
export function checkImageFile(file: { name: string; type: string; size: number }): ImageFileCheck {
  const type = file.type.toLowerCase();
  if (!isAccepted(type)) {
    const what = type ? `a ${type} file` : 'not an image the browser recognises';
    return {
      ok: false,
      message: `${file.name} is ${what}. Choose a PNG, JPEG or WebP image.`,
    };
  }
  if (file.size === 0) return { ok: false, message: `${file.name} is empty.` };
  if (file.size > MAX_IMAGE_BYTES) {
    return {
      ok: false,
      message: `${file.name} is ${formatMiB(file.size)}; images can be at most ${formatMiB(MAX_IMAGE_BYTES)}.`,
    };
  }
  return { ok: true, contentType: type };
}

/** Pixel count, known once the browser has decoded the image. */
export function checkImageDimensions(width: number, height: number): string | null {
  if (width <= 0 || height <= 0) return 'The image has no pixels.';
  if (width * height > MAX_IMAGE_PIXELS) {
    return `The image is ${width} × ${height} pixels; images can have at most 20 megapixels.`;
  }
  return null;
}
