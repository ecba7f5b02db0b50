// The image of a GraphQL call: base64 text (optionally a `data:image/...;base64,` URL) decoded
// to bytes at the edge. The size is checked on the text, before anything is decoded; the content
// type and the image itself are checked with the bytes (inspectImage).
import type { ImageLimits } from '@modelhub/models';
import { AppError } from '../app-error.ts';

export interface ImageUploadInput {
  base64: string;
  contentType?: string | null;
}

export interface ImageUpload {
  bytes: Buffer;
  contentType: string | null;
}

const DATA_URL = /^data:([^;,]{1,100});base64,/i;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function decodeImageUpload(input: ImageUploadInput, limits: ImageLimits): ImageUpload {
  let text = input.base64;
  let contentType = input.contentType ?? null;
  const dataUrl = DATA_URL.exec(text);
  if (dataUrl) {
    text = text.slice(dataUrl[0].length);
    contentType ??= dataUrl[1]!;
  }
  // Line breaks are common in base64 from command-line tools; anything else is not base64.
  text = text.replace(/\s+/g, '');
  if (text.length % 4 !== 0 || !BASE64.test(text)) {
    throw new AppError('BAD_USER_INPUT', 'image.base64 is not valid base64', {
      reason: 'INVALID_BASE64',
      field: 'image.base64',
    });
  }
  // Every 4 characters carry 3 bytes: the size is known before anything is decoded.
  const size = (text.length / 4) * 3 - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0);
  if (size > limits.maxBytes) {
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `the image has ${size} bytes, more than the limit of ${limits.maxBytes}`,
      { reason: 'IMAGE_TOO_LARGE', sizeBytes: size, maxBytes: limits.maxBytes },
    );
  }
  return { bytes: Buffer.from(text, 'base64'), contentType };
}
