/**
 * Pure display formatting for the portal. Money is integer micro-units (1 USD = 1,000,000
 * micros) and is formatted with BigInt arithmetic only: no floats touch an amount.
 */
import type { Price, TensorSpec } from '@/lib/model-schemas';

export const MICROS_PER_UNIT = 1_000_000n;
const MICRO_DIGITS = 6;

interface CurrencyStyle {
  symbol?: string;
  /** Fraction digits always shown (more appear when the amount has them). */
  minFractionDigits: number;
}

const CURRENCY_STYLES: Record<string, CurrencyStyle> = {
  USD: { symbol: '$', minFractionDigits: 2 },
  EUR: { symbol: '€', minFractionDigits: 2 },
  GBP: { symbol: '£', minFractionDigits: 2 },
  JPY: { symbol: '¥', minFractionDigits: 0 },
  KRW: { symbol: '₩', minFractionDigits: 0 },
};

const INTEGER_PATTERN = /^-?\d+$/;

/** Parses an integer given as bigint, safe integer number or decimal string. */
export function toBigInt(value: bigint | number | string): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`Not a safe integer: ${value}`);
    return BigInt(value);
  }
  const trimmed = value.trim();
  if (!INTEGER_PATTERN.test(trimmed)) throw new RangeError(`Not an integer: "${value}"`);
  return BigInt(trimmed);
}

/** `1234567` -> `1,234,567`; works on any length of digits. */
export function formatInteger(value: bigint | number | string): string {
  const n = toBigInt(value);
  const digits = (n < 0n ? -n : n).toString();
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0n ? `-${grouped}` : grouped;
}

/**
 * Formats micro-units of a currency: `200` USD -> `$0.0002`, `500000` -> `$0.50`,
 * `1234567890000` -> `$1,234,567.89`. Digits beyond the currency's usual ones are kept
 * (never rounded away), trailing zeros beyond them are dropped.
 */
export function formatMicros(amountMicros: bigint | number | string, currency: string): string {
  const micros = toBigInt(amountMicros);
  const code = currency.trim().toUpperCase();
  const style = CURRENCY_STYLES[code] ?? { minFractionDigits: 2 };

  const negative = micros < 0n;
  const abs = negative ? -micros : micros;
  const whole = abs / MICROS_PER_UNIT;
  let fraction = (abs % MICROS_PER_UNIT).toString().padStart(MICRO_DIGITS, '0').replace(/0+$/, '');
  if (fraction.length < style.minFractionDigits)
    fraction = fraction.padEnd(style.minFractionDigits, '0');

  const number = fraction ? `${formatInteger(whole)}.${fraction}` : formatInteger(whole);
  const sign = negative ? '-' : '';
  return style.symbol ? `${sign}${style.symbol}${number}` : `${sign}${number} ${code}`;
}

const UNIT_PHRASES: Record<string, string> = {
  PER_CALL: 'per call',
  PER_1K_ITEMS: 'per 1,000 items',
  PER_COMPUTE_SECOND: 'per compute-second',
};

/** `PER_CALL` -> `per call`; unknown units are spelled out from their enum name. */
export function formatPriceUnit(unit: string): string {
  return UNIT_PHRASES[unit] ?? humanizeEnum(unit).toLowerCase();
}

/** `$0.0002 per call`, `$0.50 per 1,000 items`, `Free` for a zero amount. */
export function formatPrice(price: Pick<Price, 'unit' | 'amountMicros' | 'currency'>): string {
  if (toBigInt(price.amountMicros) === 0n) return 'Free';
  return `${formatMicros(price.amountMicros, price.currency)} ${formatPriceUnit(price.unit)}`;
}

const ALLOWANCE_NOUNS: Record<string, [singular: string, plural: string]> = {
  PER_CALL: ['call', 'calls'],
  PER_1K_ITEMS: ['item', 'items'],
  PER_COMPUTE_SECOND: ['compute-second', 'compute-seconds'],
};

/** `First 1,000 calls free each month`, or null when there is no free allowance. */
export function formatFreeAllowance(price: Pick<Price, 'unit' | 'freeAllowance'>): string | null {
  if (price.freeAllowance <= 0) return null;
  const [singular, plural] = ALLOWANCE_NOUNS[price.unit] ?? ['unit', 'units'];
  const noun = price.freeAllowance === 1 ? singular : plural;
  return `First ${formatInteger(price.freeAllowance)} ${noun} free each month`;
}

/** One dimension: `-1` (dynamic) -> `?`. */
export function formatDim(dim: number): string {
  return dim < 0 ? '?' : String(dim);
}

/** `[-1, 3, 48, 192]` -> `[?,3,48,192]`; a scalar is `[]`. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.map(formatDim).join(',')}]`;
}

/** `x: FP32 [?,3,48,192]` */
export function formatTensorSpec(spec: TensorSpec): string {
  return `${spec.name}: ${spec.datatype} ${formatShape(spec.shape)}`;
}

/** All tensors of a signature, comma separated; `none` when there are none. */
export function formatSignature(specs: readonly TensorSpec[]): string {
  return specs.length === 0 ? 'none' : specs.map(formatTensorSpec).join(', ');
}

const TASK_LABELS: Record<string, string> = {
  IMAGE_CLASSIFICATION: 'Image classification',
  OBJECT_DETECTION: 'Object detection',
  TEXT_DETECTION: 'Text detection',
  TEXT_RECOGNITION: 'Text recognition',
  TEXT_ORIENTATION: 'Text orientation',
  OCR: 'OCR',
  AUDIO_CLASSIFICATION: 'Audio classification',
  WAKE_WORD: 'Wake word',
  TEXT_CLASSIFICATION: 'Text classification',
  TEXT_EMBEDDING: 'Text embedding',
  OTHER: 'Other',
};

/** `TEXT_ORIENTATION` -> `Text orientation`; unknown tasks are spelled out the same way. */
export function formatTask(task: string): string {
  return TASK_LABELS[task] ?? humanizeEnum(task);
}

/** `SOME_ENUM_VALUE` -> `Some enum value`. */
export function humanizeEnum(value: string): string {
  const words = value
    .trim()
    .toLowerCase()
    .split(/[_\s]+/)
    .filter(Boolean)
    .join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const BYTE_UNITS = ['kB', 'MB', 'GB', 'TB'] as const;

/** Decimal units with one decimal, computed on integers: `4718592` -> `4.7 MB`. */
export function formatBytes(bytes: bigint | number | string): string {
  const n = toBigInt(bytes);
  if (n < 1000n) return `${n} B`;
  let unitIndex = 0;
  let divisor = 1000n;
  while (unitIndex < BYTE_UNITS.length - 1 && n >= divisor * 1000n) {
    divisor *= 1000n;
    unitIndex += 1;
  }
  // tenths, rounded half up; 999,960 B rounds to 1.0 MB, not 1,000.0 kB
  let tenths = (n * 10n + divisor / 2n) / divisor;
  if (tenths >= 10_000n && unitIndex < BYTE_UNITS.length - 1) {
    divisor *= 1000n;
    unitIndex += 1;
    tenths = (n * 10n + divisor / 2n) / divisor;
  }
  return `${formatInteger(tenths / 10n)}.${tenths % 10n} ${BYTE_UNITS[unitIndex]}`;
}

/** Number of elements of a fully static shape, or null when a dimension is dynamic. */
export function elementCount(shape: readonly number[]): bigint | null {
  let count = 1n;
  for (const dim of shape) {
    if (dim < 0) return null;
    count *= BigInt(dim);
  }
  return count;
}

/** `1 model`, `2 models`, `1,234 models`. */
export function pluralize(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatInteger(count)} ${count === 1 ? singular : plural}`;
}

/**
 * An ISO-8601 time as `2026-11-22 14:03 UTC`: the same on the server and in every browser, so a
 * server-rendered table never disagrees with itself. The input is returned unchanged when it is
 * not a date.
 */
export function formatDateTime(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `2026-11-22` of an ISO-8601 time (UTC). */
export function formatDate(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString().slice(0, 10);
}
