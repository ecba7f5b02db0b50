/**
 * Money and time helpers of the billing page. Amounts stay BigInt micro-units end to end; only
 * formatMicros (format.ts) turns them into text.
 */
import { formatMicros, toBigInt } from '@/lib/format';
import { AmountInputError, parseAmountToMicros } from '@/lib/forms/money-input';

/** A ledger movement with its direction: `+$25.00` for credit, `-$0.0002` for a debit. */
export function formatSignedMicros(
  amountMicros: bigint | number | string,
  currency: string,
): string {
  const micros = toBigInt(amountMicros);
  return micros > 0n ? `+${formatMicros(micros, currency)}` : formatMicros(micros, currency);
}

/** The api's bounds for one top-up: 1 to 10,000 USD in whole cents. */
export const MIN_TOP_UP_MICROS = 1_000_000n;
export const MAX_TOP_UP_MICROS = 10_000_000_000n;
const CENT_MICROS = 10_000n;

/** `25` or `25.50` USD typed in the top-up form -> micro-units; AmountInputError otherwise. */
export function parseTopUpAmount(text: string): bigint {
  const micros = parseAmountToMicros(text);
  if (micros % CENT_MICROS !== 0n) {
    throw new AmountInputError('Enter whole cents, e.g. 25.50');
  }
  if (micros < MIN_TOP_UP_MICROS || micros > MAX_TOP_UP_MICROS) {
    throw new AmountInputError(
      `Enter between ${formatMicros(MIN_TOP_UP_MICROS, 'USD')} and ${formatMicros(MAX_TOP_UP_MICROS, 'USD')}`,
    );
  }
  return micros;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The usage range of the last `days` days up to now, [from, to), from a UTC midnight. */
export function lastDaysRange(now: Date, days: number): { from: Date; to: Date } {
  const startOfToday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return { from: new Date(startOfToday - (days - 1) * DAY_MS), to: new Date(now.getTime()) };
}

/** Sum of micro-amounts of rows that share a currency (the usage tables' total line). */
export function sumMicros(amounts: readonly (string | bigint)[]): bigint {
  return amounts.reduce<bigint>((total, amount) => total + toBigInt(amount), 0n);
}
