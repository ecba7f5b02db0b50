import { describe, expect, it } from 'vitest';
import { monthLabel } from './earnings-job.ts';

describe('monthLabel', () => {
  it('names the current and previous months in UTC, across a year boundary', () => {
    const now = new Date('2027-01-01T00:30:00Z');
    expect(monthLabel(now)).toBe('2027-01');
    expect(monthLabel(now, 1)).toBe('2026-12');
    expect(monthLabel(new Date('2026-11-30T23:59:59Z'), 1)).toBe('2026-10');
  });
});
