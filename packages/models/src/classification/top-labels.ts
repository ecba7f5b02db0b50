// A classifier's output tensor -> the k most likely classes by name, for people and for code
// that would otherwise index into a tensor and keep its own copy of the label list.
import type { InferOutputTensor } from '@modelhub/inference';

export interface LabelScore {
  label: string;
  /** the model's own value for the class: a probability for softmax classifiers */
  score: number;
}

const NUMERIC = new Set(['FP16', 'FP32', 'FP64']);

/**
 * The `k` highest-scoring classes of a one-item classifier answer, best first (ties keep label
 * order), from the first float output holding exactly one score per label (`[K]` or `[1, K]`);
 * null when no output has that shape.
 */
export function topLabels(
  outputs: readonly InferOutputTensor[],
  labels: readonly string[],
  k: number,
): LabelScore[] | null {
  const scores = outputs.find(
    (o) =>
      NUMERIC.has(o.datatype) &&
      o.shape[o.shape.length - 1] === labels.length &&
      o.shape.reduce((n, d) => n * d, 1) === labels.length &&
      o.data.length === labels.length,
  );
  if (!scores) return null;
  return labels
    .map((label, index) => ({ label, score: Number(scores.data[index]), index }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, Math.max(0, k))
    .map(({ label, score }) => ({ label, score }));
}
