import type { ChartPoint, ChartValueFormat } from '@/lib/charts/chart-data';
import { UsageBarChart } from './usage-bar-chart';
import './charts.css';

interface ChartFigureProps {
  /** The figure's caption: what the chart shows, over which range. */
  caption: string;
  points: ChartPoint[];
  layout: 'columns' | 'rows';
  /** Header of the label column of the table, e.g. "Day" or "Model". */
  labelHeader: string;
  /** Header of the value column and the tooltip's name, e.g. "Calls" or "Spend". */
  valueName: string;
  /** Shown instead of the chart when every value is zero. */
  emptyText: string;
  /** Counts by default; money charts give their currency. */
  valueFormat?: ChartValueFormat;
}

/**
 * A chart with its caption and the same figures as a table (in a disclosure under it), so people
 * who cannot see the chart, or want exact values, get them.
 */
export function ChartFigure({
  caption,
  points,
  layout,
  labelHeader,
  valueName,
  emptyText,
  valueFormat = { kind: 'count' },
}: ChartFigureProps) {
  const empty = points.every((point) => point.value === 0);
  const highest = points.reduce<ChartPoint | null>(
    (best, point) => (best === null || point.value > best.value ? point : best),
    null,
  );
  const summary =
    empty || !highest
      ? `${caption}: none.`
      : `${caption}. Highest: ${highest.label}, ${highest.display}. The table below has every value.`;
  return (
    <figure className="chart-figure">
      <figcaption className="chart-figure__caption">{caption}</figcaption>
      {empty ? (
        <p className="muted chart-figure__empty">{emptyText}</p>
      ) : (
        <>
          <UsageBarChart
            points={points}
            layout={layout}
            valueName={valueName}
            summary={summary}
            valueFormat={valueFormat}
          />
          <details className="chart-figure__table">
            <summary>Show as a table</summary>
            <div className="table-wrap">
              <table className="data-table">
                <caption className="visually-hidden">{caption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{labelHeader}</th>
                    <th scope="col">{valueName}</th>
                  </tr>
                </thead>
                <tbody>
                  {points.map((point) => (
                    <tr key={point.key}>
                      <th scope="row">{point.tableLabel ?? point.label}</th>
                      <td>{point.display}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </figure>
  );
}
