// Calls per UTC day of one model over the last days, counted across every calling
// organization by the SECURITY DEFINER function `app_model_daily_calls` (row-level security
// would otherwise show each caller only its own usage events).
import type { Db } from '@modelhub/db';

/** The longest history the model page's usage chart may ask for. */
export const MAX_DAILY_CALLS_DAYS = 90;

export interface DailyCallCount {
  /** YYYY-MM-DD, UTC */
  day: string;
  calls: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The `days` UTC dates ending with today's, oldest first, as YYYY-MM-DD. */
export function lastUtcDays(days: number, now: Date = new Date()): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, index) =>
    new Date(today - (days - 1 - index) * DAY_MS).toISOString().slice(0, 10),
  );
}

/**
 * One entry per day, days without calls included (a chart needs the gaps), oldest first. The
 * function repeats the visibility rule, so a private model of another organization counts zero.
 */
export async function modelDailyCalls(
  db: Db,
  input: { modelId: string; viewerOrganizationId: string | null; days: number; now?: Date },
): Promise<DailyCallCount[]> {
  const days = lastUtcDays(input.days, input.now);
  const since = new Date(`${days[0]}T00:00:00.000Z`);
  const rows = await db.$queryRaw<{ day: string; calls: bigint }[]>`
    SELECT day::text AS day, calls
    FROM app_model_daily_calls(${input.modelId}, ${input.viewerOrganizationId}, ${since})`;
  const byDay = new Map(rows.map((row) => [row.day, Number(row.calls)]));
  return days.map((day) => ({ day, calls: byDay.get(day) ?? 0 }));
}
