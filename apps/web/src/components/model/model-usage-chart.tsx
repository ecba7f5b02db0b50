import { ChartFigure } from '@/components/charts/chart-figure';
import { dailyCallPoints } from '@/lib/charts/chart-data';
import { pluralize } from '@/lib/format';
import type { DailyCallCount } from '@/lib/model-schemas';

/** Calls of a model per day by everyone, as the api counts them (successful, charged calls). */
export function ModelUsageChart({ dailyCalls }: { dailyCalls: readonly DailyCallCount[] }) {
  const total = dailyCalls.reduce((sum, day) => sum + day.calls, 0);
  const points = dailyCallPoints(
    dailyCalls.map((day) => day.day),
    new Map(dailyCalls.map((day) => [day.day, day.calls])),
  );
  return (
    <>
      <p>
        <strong>{pluralize(total, 'call')}</strong> in the last {dailyCalls.length} days, by every
        organization that uses it.
      </p>
      <ChartFigure
        caption={`Calls per day, last ${dailyCalls.length} days (UTC)`}
        points={points}
        layout="columns"
        labelHeader="Day"
        valueName="Calls"
        emptyText="Nobody has called this model in this period yet."
      />
    </>
  );
}
