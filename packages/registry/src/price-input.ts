import { PriceUnit } from '@modelhub/db';
import { z } from 'zod';
import { parseInput } from './input-issues.ts';

/** 1,000,000 USD per unit: far above any real price, low enough to catch a unit mistake */
const MAX_AMOUNT_MICROS = 1_000_000n * 1_000_000n;

const priceSchema = z.strictObject({
  unit: z.enum(PriceUnit),
  /** micro-units of the currency per unit (1 USD = 1_000_000) */
  amountMicros: z.bigint().min(0n).max(MAX_AMOUNT_MICROS),
  /** free units per consumer organization per calendar month */
  freeAllowance: z.int().min(0).max(1_000_000_000).default(0),
  currency: z
    .string()
    .regex(/^[a-z]{3}$/, { error: 'an ISO 4217 code in lower case, e.g. usd' })
    .default('usd'),
});

export type PriceInput = z.input<typeof priceSchema>;
export type ParsedPrice = z.output<typeof priceSchema>;

export function parsePrice(value: unknown): ParsedPrice {
  return parseInput(priceSchema, value, 'price');
}
