import { describe, expect, it } from 'vitest';
import { endOfDayUtc, parseApiKeyForm } from '@/lib/forms/api-key-form';
import { AmountInputError, parseAmountToMicros } from '@/lib/forms/money-input';

const NOW = new Date('2026-11-22T12:00:00Z');

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) data.append(name, item);
  }
  return data;
}

describe('parseApiKeyForm', () => {
  it('builds the createApiKey input: scopes, end-of-day expiry, spend limit in micros', () => {
    const result = parseApiKeyForm(
      form({
        name: '  production server ',
        scopes: ['PREDICT', 'READ', 'PREDICT'],
        expiresOn: '2027-01-31',
        monthlySpendLimit: '25.50',
      }),
      NOW,
    );
    expect(result).toEqual({
      ok: true,
      values: {
        name: 'production server',
        scopes: 'PREDICT,READ,PREDICT',
        expiresOn: '2027-01-31',
        monthlySpendLimit: '25.50',
      },
      input: {
        name: 'production server',
        scopes: ['PREDICT', 'READ'],
        expiresAt: '2027-01-31T23:59:59.999Z',
        monthlySpendLimitMicros: '25500000',
        rateLimitPerMinute: null,
      },
    });
  });

  it('leaves expiry and spend limit out when empty', () => {
    const result = parseApiKeyForm(form({ name: 'ci', scopes: 'PREDICT' }), NOW);
    expect(result.ok && result.input).toMatchObject({
      expiresAt: null,
      monthlySpendLimitMicros: null,
    });
  });

  it('reports every bad field at once, and keeps what was typed', () => {
    const result = parseApiKeyForm(
      form({ name: '', expiresOn: '2026-11-21', monthlySpendLimit: '-3' }),
      NOW,
    );
    expect(result).toEqual({
      ok: false,
      values: { name: '', scopes: '', expiresOn: '2026-11-21', monthlySpendLimit: '-3' },
      fieldErrors: {
        name: 'Give the key a name, e.g. "production server"',
        scopes: 'Choose at least one scope',
        expiresOn: 'Choose a date in the future',
        monthlySpendLimit:
          'Enter an amount such as 25 or 25.50 (at most 6 decimals, no minus sign)',
      },
    });
  });

  it('rejects unknown scopes, impossible dates, a zero limit and a long name', () => {
    const result = parseApiKeyForm(
      form({
        name: 'x'.repeat(101),
        scopes: ['PREDICT', 'ROOT'],
        expiresOn: '2027-02-30',
        monthlySpendLimit: '0',
      }),
      NOW,
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.fieldErrors).toEqual({
      name: 'Use at most 100 characters',
      scopes: 'Unknown scope: ROOT',
      expiresOn: 'Enter a date as YYYY-MM-DD',
      monthlySpendLimit: 'Enter an amount above 0, or leave it empty',
    });
  });

  it('accepts today as the expiry day: the key works until the end of it', () => {
    const result = parseApiKeyForm(
      form({ name: 'k', scopes: 'READ', expiresOn: '2026-11-22' }),
      NOW,
    );
    expect(result.ok && result.input.expiresAt).toBe('2026-11-22T23:59:59.999Z');
  });
});

describe('endOfDayUtc', () => {
  it('rejects what is not a calendar date', () => {
    expect(endOfDayUtc('2028-02-29')?.toISOString()).toBe('2028-02-29T23:59:59.999Z');
    expect(endOfDayUtc('2027-02-29')).toBeUndefined();
    expect(endOfDayUtc('2027-13-01')).toBeUndefined();
    expect(endOfDayUtc('31/01/2027')).toBeUndefined();
  });
});

describe('parseAmountToMicros', () => {
  it('converts exactly, with BigInt', () => {
    expect(parseAmountToMicros('25')).toBe(25_000_000n);
    expect(parseAmountToMicros('0.1')).toBe(100_000n);
    expect(parseAmountToMicros('0.000001')).toBe(1n);
    expect(parseAmountToMicros(' $1,000.50 ')).toBe(1_000_500_000n);
    expect(parseAmountToMicros('1000000000')).toBe(1_000_000_000_000_000n);
  });

  it('refuses negative, malformed, too precise and absurd amounts', () => {
    for (const bad of ['-1', '1.2.3', '1e3', '0.0000001', '12,34', 'abc', '', '1000000001']) {
      expect(() => parseAmountToMicros(bad), bad).toThrow(AmountInputError);
    }
  });
});
