/**
 * The draft price form: a unit, an amount in dollars (turned into integer micro-units with
 * BigInt, never floats) and a monthly free allowance.
 */
import { readText } from '@/lib/forms/form-state';
import { AmountInputError, parseAmountToMicros } from '@/lib/forms/money-input';
import type { PriceInput } from '@/lib/mutations/publishing';

export const PRICE_UNITS = [
  { value: 'PER_CALL', label: 'Per call', amountLabel: 'USD per call' },
  { value: 'PER_1K_ITEMS', label: 'Per 1,000 items', amountLabel: 'USD per 1,000 batch items' },
  {
    value: 'PER_COMPUTE_SECOND',
    label: 'Per compute second',
    amountLabel: 'USD per second of runner compute',
  },
] as const;

export const PRICE_FORM_FIELDS = ['unit', 'amount', 'freeAllowance'] as const;

/** The api's limit on free units a month is an Int; this keeps typos out. */
export const MAX_FREE_ALLOWANCE = 1_000_000_000;

export type PriceFormResult =
  | { ok: true; price: PriceInput; values: Record<string, string> }
  | { ok: false; fieldErrors: Record<string, string>; values: Record<string, string> };

export function parsePriceForm(formData: FormData): PriceFormResult {
  const values = {
    unit: readText(formData, 'unit'),
    amount: readText(formData, 'amount'),
    freeAllowance: readText(formData, 'freeAllowance'),
  };
  const fieldErrors: Record<string, string> = {};
  if (!PRICE_UNITS.some((unit) => unit.value === values.unit)) fieldErrors.unit = 'Choose a unit.';
  let amountMicros = 0n;
  if (!values.amount) {
    fieldErrors.amount = 'Enter a price, e.g. 0.001 (0 makes it free).';
  } else {
    try {
      amountMicros = parseAmountToMicros(values.amount);
    } catch (error) {
      if (!(error instanceof AmountInputError)) throw error;
      fieldErrors.amount = error.message;
    }
  }
  let freeAllowance = 0;
  if (values.freeAllowance) {
    if (!/^\d+$/.test(values.freeAllowance) || Number(values.freeAllowance) > MAX_FREE_ALLOWANCE) {
      fieldErrors.freeAllowance = `Enter a whole number from 0 to ${MAX_FREE_ALLOWANCE.toLocaleString('en-US')}.`;
    } else {
      freeAllowance = Number(values.freeAllowance);
    }
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors, values };
  return {
    ok: true,
    price: {
      // validated above: one of PRICE_UNITS
      unit: PRICE_UNITS.find((unit) => unit.value === values.unit)?.value ?? 'PER_CALL',
      amountMicros: amountMicros.toString(),
      freeAllowance,
    },
    values,
  };
}
