import { formatDate } from '@/lib/format';
import type { EvaluationResult } from '@/lib/model-schemas';

/** Metrics that are fractions shown as percentages; others (e.g. a loss) as plain numbers. */
const FRACTION_METRICS = new Set(['accuracy', 'precision', 'recall', 'f1', 'cer', 'wer']);

function formatMetricValue(metric: string, value: number): string {
  return FRACTION_METRICS.has(metric.toLowerCase()) && value >= 0 && value <= 1
    ? `${(value * 100).toFixed(1)}%`
    : value.toPrecision(4);
}

/** A version's measured quality: metric, value, dataset, and how and when it was measured. */
export function EvaluationResults({
  results,
  caption,
}: {
  results: readonly EvaluationResult[];
  caption: string;
}) {
  if (results.length === 0) {
    return <p className="muted">No evaluation results for this version.</p>;
  }
  return (
    <div className="table-wrap">
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">Value</th>
            <th scope="col">Dataset</th>
            <th scope="col">Measured</th>
          </tr>
        </thead>
        <tbody>
          {results.map((result) => (
            <tr key={`${result.dataset}/${result.metric}`}>
              <th scope="row">{result.metric}</th>
              <td className="nowrap">{formatMetricValue(result.metric, result.value)}</td>
              <td>
                <code>{result.dataset}</code>
                <span className="data-table__sub muted">{result.method}</span>
              </td>
              <td className="nowrap">{formatDate(result.measuredAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
