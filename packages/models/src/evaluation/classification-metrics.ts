// Accuracy and macro-averaged precision, recall and F1 of a classifier's predictions.

export interface ClassificationMetrics {
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  /** the classes averaged over: those that occur as a label or as a prediction */
  classes: number;
}

function checkPairs(labels: readonly number[], predictions: readonly number[]): void {
  if (labels.length !== predictions.length) {
    throw new RangeError(`${labels.length} labels but ${predictions.length} predictions`);
  }
  if (labels.length === 0) throw new RangeError('no samples');
}

/** The fraction of predictions equal to their label. */
export function accuracy(labels: readonly number[], predictions: readonly number[]): number {
  checkPairs(labels, predictions);
  let correct = 0;
  labels.forEach((label, i) => {
    if (predictions[i] === label) correct++;
  });
  return correct / labels.length;
}

/**
 * Per-class precision, recall and F1, averaged with equal weight per class (as scikit-learn's
 * `average='macro'`): over the classes that occur as a label or a prediction, with 0 where a
 * ratio has no denominator (a class never predicted has precision 0). F1 is the mean of the
 * per-class F1 scores, not the harmonic mean of the averaged precision and recall.
 */
export function macroPrecisionRecallF1(
  labels: readonly number[],
  predictions: readonly number[],
): Omit<ClassificationMetrics, 'accuracy'> {
  checkPairs(labels, predictions);
  const counts = new Map<number, { truePositive: number; predicted: number; actual: number }>();
  const of = (c: number) => {
    let entry = counts.get(c);
    if (!entry) counts.set(c, (entry = { truePositive: 0, predicted: 0, actual: 0 }));
    return entry;
  };
  labels.forEach((label, i) => {
    const prediction = predictions[i]!;
    of(label).actual++;
    of(prediction).predicted++;
    if (label === prediction) of(label).truePositive++;
  });
  let precision = 0;
  let recall = 0;
  let f1 = 0;
  for (const { truePositive, predicted, actual } of counts.values()) {
    const p = predicted ? truePositive / predicted : 0;
    const r = actual ? truePositive / actual : 0;
    precision += p;
    recall += r;
    f1 += p + r > 0 ? (2 * p * r) / (p + r) : 0;
  }
  const classes = counts.size;
  return { precision: precision / classes, recall: recall / classes, f1: f1 / classes, classes };
}

export function classificationMetrics(
  labels: readonly number[],
  predictions: readonly number[],
): ClassificationMetrics {
  return {
    accuracy: accuracy(labels, predictions),
    ...macroPrecisionRecallF1(labels, predictions),
  };
}
