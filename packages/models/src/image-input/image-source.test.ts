import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { InferenceError } from '@modelhub/inference';
import { imageFormatOf, inspectImage, type InspectImageOptions } from './image-source.ts';

const solid = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#336699' } });

async function refusal(bytes: Uint8Array, options: InspectImageOptions = {}) {
  const error: unknown = await inspectImage(bytes, options).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InferenceError);
  return error as InferenceError;
}

describe('inspectImage', () => {
  it('reads the format and size of PNG, JPEG and WebP from the bytes', async () => {
    expect(await inspectImage(await solid(5, 3).png().toBuffer())).toEqual({
      format: 'png',
      width: 5,
      height: 3,
    });
    const jpeg = await solid(6, 4).jpeg().toBuffer();
    expect(await inspectImage(jpeg, { contentType: 'Image/JPEG; q=1' })).toMatchObject({
      format: 'jpeg',
    });
    expect(await inspectImage(jpeg, { contentType: 'image/jpg' })).toMatchObject({
      format: 'jpeg',
    });
    expect(await inspectImage(await solid(2, 2).webp().toBuffer())).toMatchObject({
      format: 'webp',
    });
  });

  it.each([
    ['an empty body', async () => Buffer.alloc(0), {}, 'INVALID_ARGUMENT', 'CORRUPT_IMAGE'],
    ['text', async () => Buffer.from('hello'), {}, 'INVALID_ARGUMENT', 'CORRUPT_IMAGE'],
    [
      'a GIF',
      () => solid(2, 2).gif().toBuffer(),
      {},
      'INVALID_ARGUMENT',
      'UNSUPPORTED_IMAGE_FORMAT',
    ],
    [
      'a content type that is not an image',
      () => solid(2, 2).png().toBuffer(),
      { contentType: 'text/plain' },
      'INVALID_ARGUMENT',
      'UNSUPPORTED_CONTENT_TYPE',
    ],
    [
      'a JPEG sent as PNG',
      () => solid(2, 2).jpeg().toBuffer(),
      { contentType: 'image/png' },
      'INVALID_ARGUMENT',
      'CONTENT_TYPE_MISMATCH',
    ],
    [
      'too many bytes',
      () => solid(8, 8).png().toBuffer(),
      { limits: { maxBytes: 10 } },
      'PAYLOAD_TOO_LARGE',
      'IMAGE_TOO_LARGE',
    ],
    [
      'too many pixels',
      () => solid(100, 50).png().toBuffer(),
      { limits: { maxPixels: 4_999 } },
      'INVALID_ARGUMENT',
      'TOO_MANY_PIXELS',
    ],
  ] as const)('refuses %s with a reason', async (_what, bytes, options, code, reason) => {
    const error = await refusal(await bytes(), options);
    expect(error.code).toBe(code);
    expect(error.details.reason).toBe(reason);
  });

  it('names the limits in the refusal', async () => {
    const error = await refusal(await solid(100, 50).png().toBuffer(), {
      limits: { maxPixels: 4_999 },
    });
    expect(error.message).toBe('the image has 100x50 pixels, more than the limit of 4999');
    expect(error.details).toEqual({
      reason: 'TOO_MANY_PIXELS',
      width: 100,
      height: 50,
      maxPixels: 4_999,
    });
  });
});

describe('imageFormatOf', () => {
  it('maps image content types and refuses others', () => {
    expect(imageFormatOf('image/png')).toBe('png');
    expect(imageFormatOf(' image/webp ')).toBe('webp');
    expect(() => imageFormatOf('application/octet-stream')).toThrow(
      /'application\/octet-stream' is not an image we read/,
    );
  });
});
