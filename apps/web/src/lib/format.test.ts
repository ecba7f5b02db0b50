import { describe, expect, it } from 'vitest';
import {
  elementCount,
  formatBytes,
  formatDate,
  formatDateTime,
  formatDim,
  formatFreeAllowance,
  formatInteger,
  formatMicros,
  formatPrice,
  formatPriceUnit,
  formatShape,
  formatSignature,
  formatTask,
  formatTensorSpec,
  pluralize,
  toBigInt,
} from '@/lib/format';

describe('formatMicros', () => {
  it('formats zero with the currency minimum of two decimals', () => {
    expect(formatMicros('0', 'usd')).toBe('$0.00');
    expect(formatMicros(0n, 'USD')).toBe('$0.00');
  });

  it('keeps sub-cent amounts exactly', () => {
    expect(formatMicros('1', 'usd')).toBe('$0.000001');
    expect(formatMicros('200', 'usd')).toBe('$0.0002');
    expect(formatMicros('1500', 'usd')).toBe('$0.0015');
    expect(formatMicros('9999', 'usd')).toBe('$0.009999');
  });

  it('pads to two decimals and trims zeros beyond them', () => {
    expect(formatMicros('10000', 'usd')).toBe('$0.01');
    expect(formatMicros('500000', 'usd')).toBe('$0.50');
    expect(formatMicros('1000000', 'usd')).toBe('$1.00');
    expect(formatMicros('1234500', 'usd')).toBe('$1.2345');
  });

  it('groups thousands in large amounts', () => {
    expect(formatMicros('1234567890000', 'usd')).toBe('$1,234,567.89');
    expect(formatMicros('1000000000000', 'usd')).toBe('$1,000,000.00');
  });

  it('stays exact beyond float precision', () => {
    // 2^64 + 1 micros: a float would lose the last digit
    expect(formatMicros('18446744073709551617', 'usd')).toBe('$18,446,744,073,709.551617');
    expect(formatMicros('123456789012345678901', 'usd')).toBe('$123,456,789,012,345.678901');
  });

  it('formats negative amounts (refunds, adjustments)', () => {
    expect(formatMicros('-500000', 'usd')).toBe('-$0.50');
    expect(formatMicros('-200', 'usd')).toBe('-$0.0002');
  });

  it('handles other currencies', () => {
    expect(formatMicros('2500000', 'eur')).toBe('€2.50');
    expect(formatMicros('3000000', 'GBP')).toBe('£3.00');
    expect(formatMicros('150000000', 'jpy')).toBe('¥150');
    expect(formatMicros('1500', 'jpy')).toBe('¥0.0015');
    expect(formatMicros('1250000', 'chf')).toBe('1.25 CHF');
  });

  it('rejects anything that is not an integer', () => {
    expect(() => formatMicros('0.5', 'usd')).toThrow(RangeError);
    expect(() => formatMicros('1e6', 'usd')).toThrow(RangeError);
    expect(() => formatMicros('', 'usd')).toThrow(RangeError);
    expect(() => formatMicros(0.5, 'usd')).toThrow(RangeError);
  });
});

describe('formatPrice', () => {
  it('formats each unit', () => {
    expect(formatPrice({ unit: 'PER_CALL', amountMicros: '200', currency: 'usd' })).toBe(
      '$0.0002 per call',
    );
    expect(formatPrice({ unit: 'PER_1K_ITEMS', amountMicros: '500000', currency: 'usd' })).toBe(
      '$0.50 per 1,000 items',
    );
    expect(
      formatPrice({ unit: 'PER_COMPUTE_SECOND', amountMicros: '10000', currency: 'usd' }),
    ).toBe('$0.01 per compute-second');
  });

  it('calls a zero price free', () => {
    expect(formatPrice({ unit: 'PER_CALL', amountMicros: '0', currency: 'usd' })).toBe('Free');
  });

  it('spells out a unit it does not know', () => {
    expect(formatPriceUnit('PER_GPU_HOUR')).toBe('per gpu hour');
    expect(formatPrice({ unit: 'PER_GPU_HOUR', amountMicros: '2000000', currency: 'usd' })).toBe(
      '$2.00 per gpu hour',
    );
  });
});

describe('formatFreeAllowance', () => {
  it('is null without an allowance', () => {
    expect(formatFreeAllowance({ unit: 'PER_CALL', freeAllowance: 0 })).toBeNull();
  });

  it('names the unit, singular and plural', () => {
    expect(formatFreeAllowance({ unit: 'PER_CALL', freeAllowance: 1000 })).toBe(
      'First 1,000 calls free each month',
    );
    expect(formatFreeAllowance({ unit: 'PER_CALL', freeAllowance: 1 })).toBe(
      'First 1 call free each month',
    );
    expect(formatFreeAllowance({ unit: 'PER_1K_ITEMS', freeAllowance: 5000 })).toBe(
      'First 5,000 items free each month',
    );
    expect(formatFreeAllowance({ unit: 'PER_COMPUTE_SECOND', freeAllowance: 60 })).toBe(
      'First 60 compute-seconds free each month',
    );
  });
});

describe('shapes and signatures', () => {
  it('shows dynamic dims as ?', () => {
    expect(formatDim(-1)).toBe('?');
    expect(formatDim(0)).toBe('0');
    expect(formatShape([-1, 3, 48, 192])).toBe('[?,3,48,192]');
    expect(formatShape([-1, 3, -1, -1])).toBe('[?,3,?,?]');
    expect(formatShape([])).toBe('[]');
  });

  it('formats a tensor and a signature', () => {
    const x = { name: 'x', datatype: 'FP32', shape: [-1, 3, 48, 192] };
    const y = { name: 'softmax', datatype: 'FP32', shape: [-1, 2] };
    expect(formatTensorSpec(x)).toBe('x: FP32 [?,3,48,192]');
    expect(formatSignature([x, y])).toBe('x: FP32 [?,3,48,192], softmax: FP32 [?,2]');
    expect(formatSignature([])).toBe('none');
  });

  it('counts elements of static shapes only', () => {
    expect(elementCount([1, 3, 48, 192])).toBe(27648n);
    expect(elementCount([])).toBe(1n);
    expect(elementCount([-1, 3])).toBeNull();
  });
});

describe('formatTask', () => {
  it('labels known tasks', () => {
    expect(formatTask('TEXT_ORIENTATION')).toBe('Text orientation');
    expect(formatTask('TEXT_DETECTION')).toBe('Text detection');
    expect(formatTask('TEXT_RECOGNITION')).toBe('Text recognition');
    expect(formatTask('IMAGE_CLASSIFICATION')).toBe('Image classification');
    expect(formatTask('OCR')).toBe('OCR');
  });

  it('spells out unknown tasks', () => {
    expect(formatTask('SPEECH_TO_TEXT')).toBe('Speech to text');
  });
});

describe('integers and sizes', () => {
  it('groups thousands', () => {
    expect(formatInteger(0)).toBe('0');
    expect(formatInteger(999)).toBe('999');
    expect(formatInteger(1000)).toBe('1,000');
    expect(formatInteger('-1234567')).toBe('-1,234,567');
    expect(formatInteger(12345678901234567890n)).toBe('12,345,678,901,234,567,890');
  });

  it('parses integers strictly', () => {
    expect(toBigInt(' 42 ')).toBe(42n);
    expect(() => toBigInt('4.2')).toThrow(RangeError);
    expect(() => toBigInt(Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
  });

  it('formats byte sizes', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1000)).toBe('1.0 kB');
    expect(formatBytes(4_718_592)).toBe('4.7 MB');
    expect(formatBytes(999_960)).toBe('1.0 MB');
    expect(formatBytes('10800000')).toBe('10.8 MB');
    expect(formatBytes('5000000000000000')).toBe('5,000.0 TB');
  });

  it('pluralizes', () => {
    expect(pluralize(1, 'model')).toBe('1 model');
    expect(pluralize(0, 'model')).toBe('0 models');
    expect(pluralize(1200, 'model')).toBe('1,200 models');
  });
});

describe('dates', () => {
  it('formats ISO times the same everywhere, in UTC', () => {
    expect(formatDateTime('2026-11-22T14:03:59.999Z')).toBe('2026-11-22 14:03 UTC');
    expect(formatDateTime('2026-11-22T23:30:00+02:00')).toBe('2026-11-22 21:30 UTC');
    expect(formatDate('2027-01-31T23:59:59.999Z')).toBe('2027-01-31');
  });

  it('shows what is not a date unchanged', () => {
    expect(formatDateTime('soon')).toBe('soon');
    expect(formatDate('')).toBe('');
  });
});
