import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { InferenceError } from '@modelhub/inference';
import { decodeImage } from './image-decode.ts';

function solid(width: number, height: number, alpha = 1) {
  return sharp({
    create: { width, height, channels: 4, background: { r: 200, g: 40, b: 0, alpha } },
  });
}

async function decodeError(bytes: Uint8Array, maxPixels?: number): Promise<InferenceError> {
  const error: unknown = await decodeImage(bytes, { maxPixels }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InferenceError);
  return error as InferenceError;
}

describe('decodeImage', () => {
  it('decodes PNG, JPEG and WebP to 8-bit RGB', async () => {
    const png = await decodeImage(await solid(5, 3).png().toBuffer());
    expect(png).toMatchObject({ width: 5, height: 3 });
    expect([...png.data.subarray(0, 3)]).toEqual([200, 40, 0]);
    expect(png.data).toHaveLength(5 * 3 * 3);

    const jpeg = await decodeImage(await solid(8, 8).jpeg().toBuffer());
    expect(jpeg.data).toHaveLength(8 * 8 * 3);

    const webp = await decodeImage(await solid(6, 4).webp({ lossless: true }).toBuffer());
    expect(webp).toMatchObject({ width: 6, height: 4 });
    expect([...webp.data.subarray(0, 3)]).toEqual([200, 40, 0]);
  });

  it('puts transparent pixels on white', async () => {
    const image = await decodeImage(await solid(2, 2, 0).png().toBuffer());
    expect([...image.data.subarray(0, 3)]).toEqual([255, 255, 255]);
  });

  it('applies the EXIF orientation, so boxes refer to the image as it is seen', async () => {
    const rotated = await solid(20, 10).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    expect(await decodeImage(rotated)).toMatchObject({ width: 10, height: 20 });
  });

  it('rejects bytes that are not an image, a truncated image and other formats', async () => {
    const png = await solid(64, 64).png().toBuffer();
    const cases: [Uint8Array, RegExp, string][] = [
      [Buffer.from('definitely not an image'), /not a readable PNG, JPEG or WebP/, 'CORRUPT_IMAGE'],
      [Buffer.alloc(0), /the image is empty/, 'CORRUPT_IMAGE'],
      [png.subarray(0, png.length / 2), /not a readable PNG, JPEG or WebP/, 'CORRUPT_IMAGE'],
      [
        await solid(4, 4).gif().toBuffer(),
        /unsupported image format 'gif'/,
        'UNSUPPORTED_IMAGE_FORMAT',
      ],
    ];
    for (const [bytes, message, reason] of cases) {
      const error = await decodeError(bytes);
      expect(error.code).toBe('INVALID_ARGUMENT');
      expect(error.message).toMatch(message);
      expect(error.details.reason).toBe(reason);
    }
  });

  it('rejects images over the pixel limit before decoding them', async () => {
    const error = await decodeError(await solid(100, 50).png().toBuffer(), 4_999);
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.details).toEqual({
      reason: 'TOO_MANY_PIXELS',
      width: 100,
      height: 50,
      maxPixels: 4_999,
    });
  });
});
