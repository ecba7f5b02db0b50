/**
 * The "create API key" form, read and checked before it reaches the api: name, scopes, an
 * optional expiry date and an optional monthly spend limit.
 */
import type { CreateApiKeyInput } from '@/lib/mutations/api-keys';
import { AmountInputError, parseAmountToMicros } from '@/lib/forms/money-input';
import { readText } from '@/lib/forms/form-state';

export const API_KEY_SCOPES = [
  { value: 'PREDICT', label: 'Predict', description: 'run models (predict, /v2 infer)' },
  { value: 'READ', label: 'Read', description: 'read the organization’s private models and usage' },
  { value: 'PUBLISH', label: 'Publish', description: 'create models, upload and publish versions' },
  { value: 'BILLING', label: 'Billing', description: 'read the balance, invoices and usage' },
] as const;

const SCOPE_VALUES: ReadonlySet<string> = new Set(API_KEY_SCOPES.map((scope) => scope.value));

export const MAX_API_KEY_NAME_LENGTH = 100;

export type ApiKeyFormResult =
  | { ok: true; input: CreateApiKeyInput; values: Record<string, string> }
  | { ok: false; fieldErrors: Record<string, string>; values: Record<string, string> };

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * `2027-01-31` -> the end of that day in UTC, so a key "expiring on" a date works through it.
 * Undefined for a date that does not exist (2027-02-30).
 */
export function endOfDayUtc(date: string): Date | undefined {
  const match = DATE_PATTERN.exec(date);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const end = new Date(Date.UTC(year, month - 1, day, 23, 59, 59, 999));
  if (end.getUTCMonth() !== month - 1 || end.getUTCDate() !== day) return undefined;
  return end;
}

export function parseApiKeyForm(formData: FormData, now: Date = new Date()): ApiKeyFormResult {
  const name = readText(formData, 'name');
  const scopes = formData.getAll('scopes').filter((v): v is string => typeof v === 'string');
  const expiresOn = readText(formData, 'expiresOn');
  const spendLimit = readText(formData, 'monthlySpendLimit');
  const values = { name, scopes: scopes.join(','), expiresOn, monthlySpendLimit: spendLimit };
  const fieldErrors: Record<string, string> = {};

  if (!name) fieldErrors.name = 'Give the key a name, e.g. "production server"';
  else if (name.length > MAX_API_KEY_NAME_LENGTH)
    fieldErrors.name = `Use at most ${MAX_API_KEY_NAME_LENGTH} characters`;

  const unknown = scopes.filter((scope) => !SCOPE_VALUES.has(scope));
  if (scopes.length === 0) fieldErrors.scopes = 'Choose at least one scope';
  else if (unknown.length > 0) fieldErrors.scopes = `Unknown scope: ${unknown.join(', ')}`;

  let expiresAt: string | null = null;
  if (expiresOn) {
    const end = endOfDayUtc(expiresOn);
    if (!end) fieldErrors.expiresOn = 'Enter a date as YYYY-MM-DD';
    else if (end.getTime() <= now.getTime()) fieldErrors.expiresOn = 'Choose a date in the future';
    else expiresAt = end.toISOString();
  }

  let monthlySpendLimitMicros: string | null = null;
  if (spendLimit) {
    try {
      const micros = parseAmountToMicros(spendLimit);
      if (micros === 0n)
        fieldErrors.monthlySpendLimit = 'Enter an amount above 0, or leave it empty';
      else monthlySpendLimitMicros = micros.toString();
    } catch (error) {
      if (!(error instanceof AmountInputError)) throw error;
      fieldErrors.monthlySpendLimit = error.message;
    }
  }

  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors, values };
  return {
    ok: true,
    values,
    input: {
      name,
      scopes: API_KEY_SCOPES.filter((scope) => scopes.includes(scope.value)).map((s) => s.value),
      expiresAt,
      monthlySpendLimitMicros,
      rateLimitPerMinute: null,
    },
  };
}
