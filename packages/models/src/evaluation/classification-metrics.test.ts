import { describe, expect, it } from 'vitest';
import {
  accuracy,
  classificationMetrics,
  macroPrecisionRecallF1,
} from './classification-metrics.ts';

describe('classification metrics', () => {
  // Worked by hand: class 0 P=1/2 R=1/2 F1=1/2; class 1 P=2/3 R=1 F1=4/5; class 2 P=1 R=1/2 F1=2/3.
  const labels = [0, 0, 1, 1, 2, 2];
  const predictions = [0, 1, 1, 1, 2, 0];

  it('computes accuracy and macro precision, recall and F1 of a three-class case', () => {
    const m = classificationMetrics(labels, predictions);
    expect(m.accuracy).toBeCloseTo(4 / 6, 12);
    expect(m.precision).toBeCloseTo((1 / 2 + 2 / 3 + 1) / 3, 12);
    expect(m.recall).toBeCloseTo((1 / 2 + 1 + 1 / 2) / 3, 12);
    expect(m.f1).toBeCloseTo((1 / 2 + 4 / 5 + 2 / 3) / 3, 12);
    expect(m.classes).toBe(3);
  });

  it('averages F1 per class, not the harmonic mean of the averages', () => {
    const { precision, recall, f1 } = macroPrecisionRecallF1(labels, predictions);
    expect(f1).not.toBeCloseTo((2 * precision * recall) / (precision + recall), 6);
  });

  it('scores a class that is never predicted with precision 0', () => {
    // class 0: P=1/2 R=1 F1=2/3; class 1: never predicted, P=0 R=0 F1=0
    expect(macroPrecisionRecallF1([0, 1], [0, 0])).toEqual({
      precision: 0.25,
      recall: 0.5,
      f1: expect.closeTo(1 / 3, 12),
      classes: 2,
    });
  });

  it('counts a predicted class that no label has', () => {
    // class 0: P=1 R=1/2 F1=2/3; class 2 (only predicted): P=0, R has no denominator -> 0
    const m = macroPrecisionRecallF1([0, 0], [0, 2]);
    expect(m.classes).toBe(2);
    expect(m.precision).toBeCloseTo(0.5, 12);
    expect(m.recall).toBeCloseTo(0.25, 12);
    expect(m.f1).toBeCloseTo(1 / 3, 12);
  });

  it('gives 1 everywhere for perfect predictions', () => {
    expect(classificationMetrics([3, 1, 3, 7], [3, 1, 3, 7])).toEqual({
      accuracy: 1,
      precision: 1,
      recall: 1,
      f1: 1,
      classes: 3,
    });
  });

  it('rejects empty and unequal inputs', () => {
    expect(() => accuracy([], [])).toThrow(RangeError);
    expect(() => accuracy([1, 2], [1])).toThrow(RangeError);
    expect(() => macroPrecisionRecallF1([], [])).toThrow(RangeError);
  });
});
