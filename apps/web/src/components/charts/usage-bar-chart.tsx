'use client';

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChartPoint, ChartValueFormat } from '@/lib/charts/chart-data';
import { axisTickText } from '@/lib/charts/chart-data';

interface UsageBarChartProps {
  points: ChartPoint[];
  /** `columns`: one bar per day along the x axis; `rows`: one horizontal bar per model. */
  layout: 'columns' | 'rows';
  /** What a bar measures, e.g. "Calls" (tooltip). */
  valueName: string;
  /** One sentence for screen readers; the table next to the chart has the figures. */
  summary: string;
  /** How the value axis is labelled: counts, or micro-units of money shown in `currency`. */
  valueFormat: ChartValueFormat;
}

/**
 * A bar chart drawn with recharts. The points arrive formatted from the server (labels and
 * `display` text such as `$0.015`); the chart only draws `value`, so no money arithmetic
 * happens here.
 */
export function UsageBarChart({
  points,
  layout,
  valueName,
  summary,
  valueFormat,
}: UsageBarChartProps) {
  const tickFormatter = (value: number) => axisTickText(value, valueFormat);
  const displayByKey = new Map(points.map((point) => [point.key, point.display]));
  const tooltip = (
    <Tooltip
      cursor={{ fillOpacity: 0.15 }}
      formatter={(_value, _name, item) => [
        displayByKey.get((item.payload as ChartPoint).key) ?? '',
        valueName,
      ]}
      contentStyle={{
        background: 'var(--color-surface)',
        border: '1px solid var(--color-border)',
        color: 'var(--color-text)',
      }}
    />
  );
  const rows = layout === 'rows';
  // Horizontal bars get room for each model's name; columns a fixed height.
  const height = rows ? Math.max(120, points.length * 36 + 40) : 220;
  return (
    <div className="usage-chart" role="img" aria-label={summary} style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        {rows ? (
          <BarChart
            data={points}
            layout="vertical"
            margin={{ top: 4, right: 16, bottom: 4, left: 4 }}
          >
            <CartesianGrid horizontal={false} strokeOpacity={0.3} />
            <XAxis
              type="number"
              allowDecimals={false}
              tick={{ fontSize: 12 }}
              stroke="currentColor"
            />
            <YAxis
              type="category"
              dataKey="label"
              width={130}
              tick={{ fontSize: 12 }}
              stroke="currentColor"
            />
            {tooltip}
            <Bar
              dataKey="value"
              name={valueName}
              fill="var(--color-accent)"
              radius={[0, 3, 3, 0]}
            />
          </BarChart>
        ) : (
          <BarChart data={points} margin={{ top: 4, right: 8, bottom: 4, left: 0 }}>
            <CartesianGrid vertical={false} strokeOpacity={0.3} />
            <XAxis dataKey="label" tick={{ fontSize: 12 }} minTickGap={12} stroke="currentColor" />
            <YAxis
              allowDecimals={false}
              width={valueFormat.kind === 'micros' ? 64 : 48}
              tick={{ fontSize: 12 }}
              tickFormatter={tickFormatter}
              stroke="currentColor"
            />
            {tooltip}
            <Bar
              dataKey="value"
              name={valueName}
              fill="var(--color-accent)"
              radius={[3, 3, 0, 0]}
            />
          </BarChart>
        )}
      </ResponsiveContainer>
    </div>
  );
}
