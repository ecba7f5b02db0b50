// What one prediction costs, in integer micro-units. Never floats: fractions of a micro-unit
// round up, so a price is never undercharged by rounding.
import type { PriceUnit } from '@modelhub/db';

export interface PriceTerms {
  unit: PriceUnit;
  amountMicros: bigint;
  /** free units per consumer organization per calendar month: calls, items or compute-seconds */
  freeAllowance: number;
}

export interface Metered {
  /** batch elements in the call */
  items: number;
  /** runner compute time in milliseconds */
  computeMs: number;
}

export interface Charge {
  unit: PriceUnit;
  /** units consumed: calls, items or compute milliseconds */
  quantity: bigint;
  /** units charged after the free allowance */
  chargedQuantity: bigint;
  amountMicros: bigint;
}

const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

export function quantityOf(unit: PriceUnit, metered: Metered): bigint {
  switch (unit) {
    case 'PER_CALL':
      return 1n;
    case 'PER_1K_ITEMS':
      return BigInt(metered.items);
    case 'PER_COMPUTE_SECOND':
      return BigInt(Math.max(1, Math.ceil(metered.computeMs)));
  }
}

/**
 * The charge for one call. `usedThisMonth` is the quantity the consumer already used of this
 * price this month, so the free allowance is spent first.
 */
export function calculateCharge(
  price: PriceTerms,
  metered: Metered,
  usedThisMonth: bigint = 0n,
): Charge {
  const quantity = quantityOf(price.unit, metered);
  // Compute is metered in milliseconds; its allowance is stated in seconds.
  const allowance =
    BigInt(price.freeAllowance) * (price.unit === 'PER_COMPUTE_SECOND' ? 1000n : 1n);
  const freeLeft = allowance > usedThisMonth ? allowance - usedThisMonth : 0n;
  const chargedQuantity = quantity > freeLeft ? quantity - freeLeft : 0n;
  const amountMicros =
    price.unit === 'PER_CALL'
      ? chargedQuantity * price.amountMicros
      : ceilDiv(chargedQuantity * price.amountMicros, 1000n); // per 1,000 items / per 1,000 ms
  return { unit: price.unit, quantity, chargedQuantity, amountMicros };
}
