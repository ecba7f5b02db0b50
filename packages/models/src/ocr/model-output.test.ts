import { describe, expect, it } from 'vitest';
import { InferenceError, type InferOutputTensor } from '@modelhub/inference';
import { readFloatOutput } from './model-output.ts';

const output = (shape: number[], data: InferOutputTensor['data']): InferOutputTensor => ({
  name: 'softmax_0.tmp_0',
  datatype: 'FP32',
  shape,
  data,
});

describe('readFloatOutput', () => {
  it('returns the first output when it has the expected shape', () => {
    expect(readFloatOutput('classifier', [output([1, 2], [0.25, 0.75])], [-1, 2])).toEqual({
      shape: [1, 2],
      data: [0.25, 0.75],
    });
  });

  it('reports a runner answer of the wrong form as INTERNAL', () => {
    const wrong: [InferOutputTensor[], RegExp][] = [
      [[], /no output/],
      [[{ ...output([1, 2], [1, 2]), datatype: 'INT64' }], /INT64 instead of FP32/],
      [[output([2, 2], [1, 2, 3, 4])], /shape \[2,2\] instead of \[1,2\]/],
      [[output([1, 2, 1], [1, 2])], /shape \[1,2,1\]/],
      [[output([1, 2], [1])], /1 values for shape \[1,2\]/],
      [[output([1, 2], ['a', 'b'])], /data that are not numbers/],
    ];
    for (const [outputs, message] of wrong) {
      let error: unknown;
      try {
        readFloatOutput('classifier', outputs, [1, 2]);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InferenceError);
      expect(error).toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(message) });
    }
  });
});
