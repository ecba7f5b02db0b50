import { describe, expect, it } from 'vitest';
import { cropQuad, rotate180 } from './line-crop.ts';
import type { RgbImage } from './ocr-types.ts';

/** An image whose pixel i is (i, i, i) (width * height <= 256). */
function ramp(width: number, height: number): RgbImage {
  const data = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) data.fill(i, i * 3, i * 3 + 3);
  return { width, height, data };
}

/** The first channel of each pixel, row by row. */
const reds = (image: RgbImage) => [...image.data].filter((_, i) => i % 3 === 0);

describe('cropQuad', () => {
  it('copies an axis-aligned rectangle exactly', () => {
    const crop = cropQuad(ramp(4, 3), [
      [1, 1],
      [3, 1],
      [3, 3],
      [1, 3],
    ]);
    expect(crop).toMatchObject({ width: 2, height: 2 });
    expect(reds(crop)).toEqual([5, 6, 9, 10]);
  });

  it('straightens a rotated rectangle', () => {
    // The quad's top edge runs down the image's third column: a quarter turn.
    const crop = cropQuad(ramp(4, 3), [
      [3, 0],
      [3, 3],
      [1, 3],
      [1, 0],
    ]);
    expect(crop).toMatchObject({ width: 3, height: 2 });
    expect(reds(crop)).toEqual([2, 6, 10, 1, 5, 9]);
  });

  it('repeats the edge pixels outside the image', () => {
    const crop = cropQuad(ramp(4, 3), [
      [2, -2],
      [4, -2],
      [4, 0],
      [2, 0],
    ]);
    expect(reds(crop)).toEqual([2, 3, 2, 3]);
  });

  it('interpolates between pixels', () => {
    // Half a pixel to the right of column 0: halfway between 0 and 1, rounded.
    const crop = cropQuad(ramp(4, 3), [
      [0.5, 0],
      [1.5, 0],
      [1.5, 1],
      [0.5, 1],
    ]);
    expect(reds(crop)).toEqual([1]);
  });
});

describe('rotate180', () => {
  it('turns an image upside down', () => {
    expect(reds(rotate180(ramp(3, 2)))).toEqual([5, 4, 3, 2, 1, 0]);
  });
});
