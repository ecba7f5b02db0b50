/**
 * The data of the portal's bar charts, shaped on the server: usage rows of the api become points
 * with a label, the value to draw and the exact text to show. Days without usage are filled in
 * (the api only answers days that had some), so a chart shows the gaps.
 */
import { formatInteger, formatMicros, toBigInt } from '@/lib/format';

export interface ChartPoint {
  /** Stable key: the day (YYYY-MM-DD) or the model id. */
  key: string;
  /** Short axis label, e.g. `Nov 3` or a model name. */
  label: string;
  /** Longer label for the table, e.g. `Mon, Nov 3, 2026`; defaults to `label`. */
  tableLabel?: string;
  /** What the bar's length is drawn from (calls, or micro-units of money). */
  value: number;
  /** The exact figure as text, e.g. `1,204` or `$0.0150`. */
  display: string;
}

/** How a chart's value axis is labelled. */
export type ChartValueFormat = { kind: 'count' } | { kind: 'micros'; currency: string };

/**
 * An axis tick: `1,500` for counts, `$0.0015` for micro-units. Ticks are round numbers the chart
 * picks, so rounding them to whole micros loses nothing that is shown.
 */
export function axisTickText(value: number, format: ChartValueFormat): string {
  const whole = Math.round(value);
  return format.kind === 'micros' ? formatMicros(whole, format.currency) : formatInteger(whole);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The `days` UTC days ending with the one of `now`, oldest first, as YYYY-MM-DD. */
export function utcDaysEnding(now: Date, days: number): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, index) =>
    new Date(today - (days - 1 - index) * DAY_MS).toISOString().slice(0, 10),
  );
}

const SHORT_DAY = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});
const LONG_DAY = new Intl.DateTimeFormat('en-US', {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});

function dayDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** `2026-11-03` -> `Nov 3`. */
export function shortDayLabel(day: string): string {
  return SHORT_DAY.format(dayDate(day));
}

/** `2026-11-03` -> `Tue, Nov 3, 2026`. */
export function longDayLabel(day: string): string {
  return LONG_DAY.format(dayDate(day));
}

/** Calls per day, every day of `days` present (zero where `counts` has none). */
export function dailyCallPoints(
  days: readonly string[],
  counts: ReadonlyMap<string, number>,
): ChartPoint[] {
  return days.map((day) => {
    const calls = counts.get(day) ?? 0;
    return {
      key: day,
      label: shortDayLabel(day),
      tableLabel: longDayLabel(day),
      value: calls,
      display: formatInteger(calls),
    };
  });
}

/** Money per day in micro-units: drawn from the micros, shown exactly with formatMicros. */
export function dailyMoneyPoints(
  days: readonly string[],
  amounts: ReadonlyMap<string, string>,
  currency: string,
): ChartPoint[] {
  return days.map((day) => {
    const micros = toBigInt(amounts.get(day) ?? '0');
    return {
      key: day,
      label: shortDayLabel(day),
      tableLabel: longDayLabel(day),
      // Only the bar's length: precise enough for drawing, never used for amounts.
      value: Number(micros),
      display: formatMicros(micros, currency),
    };
  });
}
