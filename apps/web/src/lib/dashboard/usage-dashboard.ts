/**
 * The dashboard's URL state (`?days=7|30|90`) and its charts' data from the api's usage rows.
 * Pure: the page loads, this shapes.
 */
import {
  dailyCallPoints,
  dailyMoneyPoints,
  utcDaysEnding,
  type ChartPoint,
} from '@/lib/charts/chart-data';
import { formatInteger, formatMicros, toBigInt } from '@/lib/format';
import type { UsageRow } from '@/lib/queries/get-billing';
import { firstParam, type SearchParams } from '@/lib/search-params';

export const DASHBOARD_RANGES = [7, 30, 90] as const;
export type DashboardRange = (typeof DASHBOARD_RANGES)[number];
export const DEFAULT_DASHBOARD_RANGE: DashboardRange = 30;

/** `?days=` as one of the offered ranges; anything else is the default. */
export function parseDashboardRange(params: SearchParams): DashboardRange {
  const value = Number(firstParam(params, 'days'));
  return (DASHBOARD_RANGES as readonly number[]).includes(value)
    ? (value as DashboardRange)
    : DEFAULT_DASHBOARD_RANGE;
}

export function dashboardHref(days: DashboardRange): string {
  return days === DEFAULT_DASHBOARD_RANGE ? '/dashboard' : `/dashboard?days=${days}`;
}

export interface DashboardCharts {
  currency: string;
  totalCalls: number;
  totalCallsText: string;
  totalSpendText: string;
  callsByDay: ChartPoint[];
  spendByDay: ChartPoint[];
  callsByModel: ChartPoint[];
  spendByModel: ChartPoint[];
}

/** The charts of a range, every day of it present; models by calls, most used first. */
export function buildDashboardCharts(
  rows: { byDay: readonly UsageRow[]; byModel: readonly UsageRow[] },
  days: number,
  now: Date,
): DashboardCharts {
  // An organization is billed in one currency; the api's rows all carry it.
  const currency = rows.byDay[0]?.currency ?? rows.byModel[0]?.currency ?? 'usd';
  const dayKeys = utcDaysEnding(now, days);
  const callsPerDay = new Map(rows.byDay.map((row) => [row.group, row.calls]));
  const spendPerDay = new Map(rows.byDay.map((row) => [row.group, row.amountMicros]));
  const models = [...rows.byModel].sort(
    (a, b) => b.calls - a.calls || a.label.localeCompare(b.label),
  );
  const totalCalls = rows.byDay.reduce((sum, row) => sum + row.calls, 0);
  const totalSpend = rows.byDay.reduce((sum, row) => sum + toBigInt(row.amountMicros), 0n);
  return {
    currency,
    totalCalls,
    totalCallsText: formatInteger(totalCalls),
    totalSpendText: formatMicros(totalSpend, currency),
    callsByDay: dailyCallPoints(dayKeys, callsPerDay),
    spendByDay: dailyMoneyPoints(dayKeys, spendPerDay, currency),
    callsByModel: models.map((row) => ({
      key: row.group,
      label: row.label,
      value: row.calls,
      display: formatInteger(row.calls),
    })),
    spendByModel: models.map((row) => ({
      key: row.group,
      label: row.label,
      value: Number(toBigInt(row.amountMicros)),
      display: formatMicros(row.amountMicros, row.currency),
    })),
  };
}
