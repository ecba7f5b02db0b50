import { describe, expect, it } from 'vitest';
import { AmountInputError, microsToAmount, parseAmountToMicros } from './money-input';

describe('money input', () => {
  it('turns micro-units back into what a person would type, and round-trips', () => {
    expect(microsToAmount(25_500_000n)).toBe('25.50');
    expect(microsToAmount('500000000')).toBe('500.00');
    expect(microsToAmount(1_234_567n)).toBe('1.234567');
    expect(microsToAmount(0n)).toBe('0.00');
    for (const micros of [25_500_000n, 1_234_567n, 100n, 999_999_999_999n]) {
      expect(parseAmountToMicros(microsToAmount(micros))).toBe(micros);
    }
  });

  it('refuses what is not an amount', () => {
    for (const text of ['-5', 'abc', '1.1234567', '']) {
      expect(() => parseAmountToMicros(text), text).toThrow(AmountInputError);
    }
  });
});
