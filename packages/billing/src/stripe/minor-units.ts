// Stripe states amounts in the currency's minor unit (cents for usd); the ledger in micro-units.
import { BillingError } from '../billing-error.ts';

// https://docs.stripe.com/currencies#zero-decimal and #three-decimal
const ZERO_DECIMAL = new Set([
  'bif',
  'clp',
  'djf',
  'gnf',
  'jpy',
  'kmf',
  'krw',
  'mga',
  'pyg',
  'rwf',
  'ugx',
  'vnd',
  'vuv',
  'xaf',
  'xof',
  'xpf',
]);
const THREE_DECIMAL = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd']);

export function microsPerMinorUnit(currency: string): bigint {
  const c = currency.toLowerCase();
  if (ZERO_DECIMAL.has(c)) return 1_000_000n;
  if (THREE_DECIMAL.has(c)) return 1_000n;
  return 10_000n;
}

export function minorUnitsToMicros(amount: number, currency: string): bigint {
  if (!Number.isSafeInteger(amount)) {
    throw new BillingError('WEBHOOK_MISMATCH', `Stripe amount ${amount} is not a whole number`);
  }
  return BigInt(amount) * microsPerMinorUnit(currency);
}

/** Whole minor units only: a fraction of a cent cannot be charged through Checkout. */
export function microsToMinorUnits(micros: bigint, currency: string): number {
  const per = microsPerMinorUnit(currency);
  if (micros % per !== 0n) {
    throw new BillingError(
      'INVALID_INPUT',
      `amountMicros must be a whole number of ${currency} minor units (a multiple of ${per})`,
      { field: 'amountMicros' },
    );
  }
  return Number(micros / per);
}
