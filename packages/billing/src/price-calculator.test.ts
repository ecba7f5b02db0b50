import { describe, expect, it } from 'vitest';
import { calculateCharge } from './price-calculator.ts';

const metered = { items: 3, computeMs: 12.2 };

describe('calculateCharge', () => {
  it('charges per call', () => {
    expect(
      calculateCharge({ unit: 'PER_CALL', amountMicros: 100n, freeAllowance: 0 }, metered),
    ).toEqual({
      unit: 'PER_CALL',
      quantity: 1n,
      chargedQuantity: 1n,
      amountMicros: 100n,
    });
  });

  it('charges per 1,000 items, rounding a fraction of a micro-unit up', () => {
    // 3 items at 500_000 per 1,000 = 1_500 micros exactly; 1 item at 1_001 per 1,000 = 1.001 -> 2
    expect(
      calculateCharge({ unit: 'PER_1K_ITEMS', amountMicros: 500_000n, freeAllowance: 0 }, metered)
        .amountMicros,
    ).toBe(1_500n);
    expect(
      calculateCharge(
        { unit: 'PER_1K_ITEMS', amountMicros: 1_001n, freeAllowance: 0 },
        { items: 1, computeMs: 1 },
      ).amountMicros,
    ).toBe(2n);
  });

  it('charges per compute-second by whole milliseconds, rounded up', () => {
    const charge = calculateCharge(
      { unit: 'PER_COMPUTE_SECOND', amountMicros: 20_000n, freeAllowance: 0 },
      metered,
    );
    expect(charge.quantity).toBe(13n);
    expect(charge.amountMicros).toBe(260n); // 13 ms * 20_000 / 1000
  });

  it('spends the monthly free allowance first', () => {
    const price = { unit: 'PER_CALL' as const, amountMicros: 100n, freeAllowance: 2 };
    expect(calculateCharge(price, metered, 0n).amountMicros).toBe(0n);
    expect(calculateCharge(price, metered, 1n).amountMicros).toBe(0n);
    expect(calculateCharge(price, metered, 2n).amountMicros).toBe(100n);
    const items = { unit: 'PER_1K_ITEMS' as const, amountMicros: 1_000_000n, freeAllowance: 10 };
    expect(calculateCharge(items, { items: 4, computeMs: 1 }, 8n)).toMatchObject({
      chargedQuantity: 2n,
      amountMicros: 2_000n,
    });
  });

  it('states the compute allowance in seconds', () => {
    const price = { unit: 'PER_COMPUTE_SECOND' as const, amountMicros: 1_000n, freeAllowance: 1 };
    expect(calculateCharge(price, { items: 1, computeMs: 400 }, 500n).amountMicros).toBe(0n);
    expect(calculateCharge(price, { items: 1, computeMs: 400 }, 800n)).toMatchObject({
      chargedQuantity: 200n,
      amountMicros: 200n,
    });
  });

  it('keeps exact values far beyond float precision', () => {
    const big = calculateCharge(
      { unit: 'PER_1K_ITEMS', amountMicros: 9_007_199_254_740_993n, freeAllowance: 0 },
      { items: 1000, computeMs: 1 },
    );
    expect(big.amountMicros).toBe(9_007_199_254_740_993n);
  });
});
