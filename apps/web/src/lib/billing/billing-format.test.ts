import { describe, expect, it } from 'vitest';
import { AmountInputError } from '@/lib/forms/money-input';
import {
  formatSignedMicros,
  lastDaysRange,
  MAX_TOP_UP_MICROS,
  parseTopUpAmount,
  sumMicros,
} from './billing-format';

describe('formatSignedMicros', () => {
  it('marks credit with a plus and keeps sub-cent debits exact', () => {
    expect(formatSignedMicros('25000000', 'USD')).toBe('+$25.00');
    expect(formatSignedMicros(-200n, 'usd')).toBe('-$0.0002');
    expect(formatSignedMicros(0, 'USD')).toBe('$0.00');
    expect(formatSignedMicros('1234567890000', 'EUR')).toBe('+€1,234,567.89');
  });
});

describe('parseTopUpAmount', () => {
  it('turns dollars and cents into micro-units', () => {
    expect(parseTopUpAmount('25')).toBe(25_000_000n);
    expect(parseTopUpAmount(' $25.50 ')).toBe(25_500_000n);
    expect(parseTopUpAmount('10,000')).toBe(MAX_TOP_UP_MICROS);
  });

  it.each([
    ['0.99', /between \$1\.00 and \$10,000\.00/],
    ['10000.01', /between/],
    ['2.555', /whole cents/],
    ['-5', /Enter an amount/],
    ['ten', /Enter an amount/],
    ['', /Enter an amount/],
  ])('refuses %j with a typed error', (text, message) => {
    let caught: unknown;
    try {
      parseTopUpAmount(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AmountInputError);
    expect((caught as AmountInputError).code).toBe('INVALID_AMOUNT');
    expect((caught as Error).message).toMatch(message);
  });
});

describe('lastDaysRange', () => {
  it('starts at UTC midnight days-1 days ago and ends now', () => {
    const now = new Date('2026-11-22T14:03:00Z');
    const { from, to } = lastDaysRange(now, 30);
    expect(from.toISOString()).toBe('2026-10-24T00:00:00.000Z');
    expect(to.toISOString()).toBe('2026-11-22T14:03:00.000Z');
  });
});

describe('sumMicros', () => {
  it('adds exactly, beyond the float range', () => {
    expect(sumMicros(['9007199254740993', 1n, '-4'])).toBe(9007199254740990n);
    expect(sumMicros([])).toBe(0n);
  });
});
