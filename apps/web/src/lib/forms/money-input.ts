/**
 * Amounts typed by people (`25`, `25.5`, `1,000.00`) to integer micro-units, with BigInt only:
 * `0.1 + 0.2` never happens to money.
 */
import { MICROS_PER_UNIT } from '@/lib/format';

export class AmountInputError extends Error {
  override readonly name = 'AmountInputError';
  readonly code = 'INVALID_AMOUNT';
}

const AMOUNT_PATTERN = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,6}))?$/;

/** The largest amount accepted, in whole units; a guard against typos like an extra dozen zeros. */
export const MAX_AMOUNT_UNITS = 1_000_000_000n;

/** `25.50` -> `25500000n`. Throws AmountInputError for anything else. */
export function parseAmountToMicros(text: string): bigint {
  const trimmed = text.trim().replace(/^\$/, '');
  const match = AMOUNT_PATTERN.exec(trimmed);
  if (!match) {
    throw new AmountInputError(
      'Enter an amount such as 25 or 25.50 (at most 6 decimals, no minus sign)',
    );
  }
  const whole = BigInt(match[1]!.replaceAll(',', ''));
  const fraction = BigInt((match[2] ?? '').padEnd(6, '0'));
  if (whole > MAX_AMOUNT_UNITS) {
    throw new AmountInputError(`Enter at most ${MAX_AMOUNT_UNITS.toLocaleString('en-US')}`);
  }
  return whole * MICROS_PER_UNIT + fraction;
}

/** `25500000` -> `25.50`: micro-units back to what a person would type (no grouping). */
export function microsToAmount(micros: bigint | string): string {
  const value = BigInt(micros);
  const whole = value / MICROS_PER_UNIT;
  const fraction = (value % MICROS_PER_UNIT).toString().padStart(6, '0').replace(/0+$/, '');
  return `${whole}.${fraction.padEnd(2, '0')}`;
}
