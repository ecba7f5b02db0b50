import { describe, expect, it } from 'vitest';
import { axisTickText } from '@/lib/charts/chart-data';
import type { UsageRow } from '@/lib/queries/get-billing';
import { buildDashboardCharts, dashboardHref, parseDashboardRange } from './usage-dashboard';

const row = (group: string, label: string, calls: number, amountMicros: string): UsageRow => ({
  group,
  label,
  calls,
  quantity: String(calls),
  amountMicros,
  currency: 'usd',
});

describe('dashboard range', () => {
  it('takes 7, 30 or 90 days from ?days=, 30 otherwise', () => {
    expect(parseDashboardRange({ days: '7' })).toBe(7);
    expect(parseDashboardRange({ days: ['90', '7'] })).toBe(90);
    for (const days of [undefined, '', '14', 'abc', '30.5']) {
      expect(parseDashboardRange({ days })).toBe(30);
    }
    expect(dashboardHref(30)).toBe('/dashboard');
    expect(dashboardHref(7)).toBe('/dashboard?days=7');
  });
});

describe('buildDashboardCharts', () => {
  const now = new Date('2026-11-23T15:00:00Z');

  it('fills every day of the range and totals calls and spend exactly', () => {
    const charts = buildDashboardCharts(
      {
        byDay: [
          row('2026-11-21', '2026-11-21', 2, '10000'),
          row('2026-11-23', '2026-11-23', 1, '5000'),
        ],
        byModel: [
          row('m1', 'PP-OCRv4 OCR pipeline', 1, '5000'),
          row('m2', 'MNIST digit classifier', 2, '10000'),
        ],
      },
      7,
      now,
    );
    expect(charts.callsByDay.map((p) => p.key)).toEqual([
      '2026-11-17',
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
      '2026-11-23',
    ]);
    expect(charts.callsByDay.map((p) => p.value)).toEqual([0, 0, 0, 0, 2, 0, 1]);
    expect(charts.callsByDay.at(-1)).toMatchObject({
      label: 'Nov 23',
      tableLabel: 'Mon, Nov 23, 2026',
      display: '1',
    });
    expect(charts.spendByDay.at(-1)).toMatchObject({ value: 5000, display: '$0.005' });
    expect(charts.spendByDay[0]!.display).toBe('$0.00');
    expect(charts.totalCalls).toBe(3);
    expect(charts.totalCallsText).toBe('3');
    expect(charts.totalSpendText).toBe('$0.015');
    // most used first
    expect(charts.callsByModel.map((p) => p.label)).toEqual([
      'MNIST digit classifier',
      'PP-OCRv4 OCR pipeline',
    ]);
    expect(charts.spendByModel.map((p) => p.display)).toEqual(['$0.01', '$0.005']);
  });

  it('answers zeros for a range without usage', () => {
    const charts = buildDashboardCharts({ byDay: [], byModel: [] }, 30, now);
    expect(charts.callsByDay).toHaveLength(30);
    expect(charts.callsByDay.every((p) => p.value === 0)).toBe(true);
    expect(charts.totalSpendText).toBe('$0.00');
    expect(charts.callsByModel).toEqual([]);
  });
});

describe('axisTickText', () => {
  it('labels count axes with integers and money axes in the currency', () => {
    expect(axisTickText(1500, { kind: 'count' })).toBe('1,500');
    expect(axisTickText(1500, { kind: 'micros', currency: 'usd' })).toBe('$0.0015');
    expect(axisTickText(2_000_000.4, { kind: 'micros', currency: 'usd' })).toBe('$2.00');
  });
});
