// IEEE 754 half precision <-> JS numbers, for FP16 tensors in the binary tensor format: JSON
// has no half floats and Node 20 has no Float16Array, so FP16 travels as raw 16-bit patterns.

// 2^(exponent - 25) for each biased half exponent: value = (1024 + fraction) * scale.
const NORMAL_SCALE = Float64Array.from({ length: 32 }, (_, e) => 2 ** (e - 25));
const SUBNORMAL_SCALE = 2 ** -24;

/** The number a half-precision bit pattern (0..0xffff) stands for; exact. */
export function halfToFloat(bits: number): number {
  const exponent = (bits >>> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  let magnitude: number;
  if (exponent === 0) magnitude = fraction * SUBNORMAL_SCALE;
  else if (exponent === 0x1f) magnitude = fraction ? Number.NaN : Number.POSITIVE_INFINITY;
  else magnitude = (1024 + fraction) * NORMAL_SCALE[exponent]!;
  return bits & 0x8000 ? -magnitude : magnitude;
}

/** Rounds half to even, as IEEE 754 does by default. `value` is non-negative. */
function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const rest = value - floor; // exact: value < 2^11 here
  if (rest > 0.5) return floor + 1;
  if (rest < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * The half-precision bit pattern nearest to `value` (round half to even; overflow to infinity).
 * Rounds straight from the double, so there is no double rounding through float32.
 */
export function floatToHalf(value: number): number {
  if (Number.isNaN(value)) return 0x7e00;
  const sign = value < 0 || Object.is(value, -0) ? 0x8000 : 0;
  const magnitude = Math.abs(value);
  if (magnitude < 2 ** -14) {
    // Subnormal (or zero): m * 2^-24. A carry to 1024 is the smallest normal, 0x0400, itself.
    return sign | roundHalfEven(magnitude * 2 ** 24);
  }
  if (magnitude >= 65520) return sign | 0x7c00; // at or past the halfway point above 65504
  let exponent = Math.floor(Math.log2(magnitude));
  // log2 can be off by one right next to a power of two.
  if (2 ** exponent > magnitude) exponent--;
  else if (2 ** (exponent + 1) <= magnitude) exponent++;
  const mantissa = roundHalfEven(magnitude / 2 ** (exponent - 10)); // in [1024, 2048]
  // Adding instead of or-ing lets a rounding carry (2048) move into the exponent.
  return sign | (((exponent + 15) << 10) + (mantissa - 1024));
}
