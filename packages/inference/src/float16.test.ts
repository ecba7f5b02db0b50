import { describe, expect, it } from 'vitest';
import { floatToHalf, halfToFloat } from './float16.ts';

describe('float16', () => {
  it.each([
    [1.0, 0x3c00],
    [-2.5, 0xc100],
    [65504, 0x7bff],
    [-65504, 0xfbff],
    [2 ** -24, 0x0001], // the smallest subnormal
    [2 ** -14, 0x0400], // the smallest normal
    [1023 * 2 ** -24, 0x03ff], // the largest subnormal
    [0, 0x0000],
    [-0, 0x8000],
    [Number.POSITIVE_INFINITY, 0x7c00],
    [Number.NEGATIVE_INFINITY, 0xfc00],
    [0.5, 0x3800],
  ])('%d <-> bit pattern %i', (value, bits) => {
    expect(floatToHalf(value)).toBe(bits);
    expect(Object.is(halfToFloat(bits), value)).toBe(true);
  });

  it('maps NaN both ways', () => {
    expect(Number.isNaN(halfToFloat(floatToHalf(Number.NaN)))).toBe(true);
    expect(Number.isNaN(halfToFloat(0x7e01))).toBe(true);
  });

  it('round-trips every non-NaN half bit pattern exactly', () => {
    for (let bits = 0; bits <= 0xffff; bits++) {
      const value = halfToFloat(bits);
      if (Number.isNaN(value)) continue;
      if (floatToHalf(value) !== bits) throw new Error(`0x${bits.toString(16)} -> ${value}`);
    }
  });

  it('rounds to nearest, ties to even, overflowing to infinity', () => {
    expect(floatToHalf(0.1)).toBe(0x2e66);
    expect(floatToHalf(1 / 3)).toBe(0x3555);
    expect(floatToHalf(1 + 2 ** -11)).toBe(0x3c00); // tie, 1.0 is even
    expect(floatToHalf(1 + 3 * 2 ** -11)).toBe(0x3c02); // tie, rounds up to even
    expect(floatToHalf(1 + 2 ** -11 + 2 ** -30)).toBe(0x3c01); // just past the tie
    expect(floatToHalf(65519)).toBe(0x7bff);
    expect(floatToHalf(65520)).toBe(0x7c00);
    expect(floatToHalf(2 ** -25)).toBe(0x0000); // tie between 0 and the smallest subnormal
    expect(floatToHalf(2 ** -25 + 2 ** -40)).toBe(0x0001);
    expect(floatToHalf(-1e-10)).toBe(0x8000);
  });
});
