// Billing periods are calendar months in UTC: spend limits, free allowances and earnings
// statements all count from the first instant of the month.
import { BillingError } from './billing-error.ts';

export function monthStart(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
}

export function nextMonthStart(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
}

/** `YYYY-MM` (UTC) to the first instant of that month; anything else is INVALID_INPUT. */
export function parseMonth(month: string): Date {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const year = Number(match?.[1]);
  const index = Number(match?.[2]) - 1;
  if (!match || year < 2000 || year > 9999 || index < 0 || index > 11) {
    throw new BillingError('INVALID_INPUT', `month must be YYYY-MM, got '${month}'`, {
      field: 'month',
    });
  }
  return new Date(Date.UTC(year, index, 1));
}
