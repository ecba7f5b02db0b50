import { describe, expect, it } from 'vitest';
import { parsePriceForm } from './price-form';

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

describe('price form', () => {
  it('turns dollars into integer micro-units without floats', () => {
    expect(
      parsePriceForm(form({ unit: 'PER_CALL', amount: '0.0025', freeAllowance: '100' })),
    ).toEqual({
      ok: true,
      price: { unit: 'PER_CALL', amountMicros: '2500', freeAllowance: 100 },
      values: { unit: 'PER_CALL', amount: '0.0025', freeAllowance: '100' },
    });
    const free = parsePriceForm(form({ unit: 'PER_1K_ITEMS', amount: '0', freeAllowance: '' }));
    expect(free.ok && free.price).toEqual({
      unit: 'PER_1K_ITEMS',
      amountMicros: '0',
      freeAllowance: 0,
    });
  });

  it('names the wrong fields', () => {
    const parsed = parsePriceForm(form({ unit: 'PER_YEAR', amount: '-1', freeAllowance: '1.5' }));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.fieldErrors).sort()).toEqual(['amount', 'freeAllowance', 'unit']);
    expect(parsePriceForm(form({ unit: 'PER_CALL', amount: '' }))).toMatchObject({
      ok: false,
      fieldErrors: { amount: expect.stringContaining('Enter a price') },
    });
    expect(parsePriceForm(form({ unit: 'PER_CALL', amount: '0.0000001' })).ok).toBe(false);
  });
});
