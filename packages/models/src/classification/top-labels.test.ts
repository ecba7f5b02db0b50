import { describe, expect, it } from 'vitest';
import type { InferOutputTensor } from '@modelhub/inference';
import { topLabels } from './top-labels.ts';

const output = (shape: number[], data: number[], name = 'p'): InferOutputTensor => ({
  name,
  datatype: 'FP32',
  shape,
  data,
});

describe('topLabels', () => {
  const labels = ['cat', 'dog', 'fox', 'owl'];

  it('gives the k best classes by name, best first, ties in label order', () => {
    expect(topLabels([output([1, 4], [0.1, 0.4, 0.1, 0.4])], labels, 3)).toEqual([
      { label: 'dog', score: 0.4 },
      { label: 'owl', score: 0.4 },
      { label: 'cat', score: 0.1 },
    ]);
    expect(topLabels([output([4], [0.1, 0.2, 0.3, 0.4])], labels, 10)).toHaveLength(4);
  });

  it('reads the output that has one score per label', () => {
    const features = output([1, 3], [9, 9, 9], 'features');
    const scores = output([1, 4], [0.7, 0.1, 0.1, 0.1], 'scores');
    expect(topLabels([features, scores], labels, 1)).toEqual([{ label: 'cat', score: 0.7 }]);
  });

  it('answers null when no output fits the labels', () => {
    expect(topLabels([output([1, 3], [1, 2, 3])], labels, 1)).toBeNull();
    // a batch of two is not one answer
    expect(topLabels([output([2, 4], [1, 2, 3, 4, 5, 6, 7, 8])], labels, 1)).toBeNull();
    expect(
      topLabels(
        [{ name: 's', datatype: 'BYTES', shape: [4], data: ['a', 'b', 'c', 'd'] }],
        labels,
        1,
      ),
    ).toBeNull();
  });
});
