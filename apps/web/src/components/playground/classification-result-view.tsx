import type { ImagePrediction } from '@/lib/playground/playground-operations';

/**
 * The classes a model answered, best first, as horizontal bars with the score written out (the
 * bar is decoration; the text carries the value).
 */
export function ClassificationResultView({ result }: { result: ImagePrediction }) {
  if (!result.labels || result.labels.length === 0) {
    return (
      <p className="muted">
        This model answers raw output tensors rather than named classes; see the raw answer below.
      </p>
    );
  }
  return (
    <ol className="class-scores" aria-label="Best classes">
      {result.labels.map((entry) => {
        const share = Math.max(0, Math.min(1, entry.score));
        return (
          <li key={entry.label} className="class-scores__row">
            <span className="class-scores__label">{entry.label}</span>
            <span className="class-scores__track" aria-hidden="true">
              <span className="class-scores__bar" style={{ width: `${share * 100}%` }} />
            </span>
            <span className="class-scores__value">{(entry.score * 100).toFixed(1)}%</span>
          </li>
        );
      })}
    </ol>
  );
}
