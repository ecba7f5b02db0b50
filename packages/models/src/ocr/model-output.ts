// Checks a model's answer before the pipeline reads it: through a runner it is data from
// another process, and a wrong shape would otherwise surface as garbage text or a crash.
import { InferenceError, type InferOutputTensor } from '@modelhub/inference';
import type { OcrModel } from './ocr-types.ts';

export interface FloatOutput {
  shape: number[];
  data: ArrayLike<number>;
}

/**
 * The first output (each OCR model has one) as floats of the expected shape; -1 in `expected`
 * accepts any size.
 */
export function readFloatOutput(
  model: OcrModel,
  outputs: InferOutputTensor[],
  expected: number[],
): FloatOutput {
  const output = outputs[0];
  const fail = (problem: string) =>
    new InferenceError('INTERNAL', `the ${model} model returned ${problem}`, {
      model,
      expectedShape: expected,
    });
  if (!output) throw fail('no output');
  if (output.datatype !== 'FP32') throw fail(`${output.datatype} instead of FP32`);
  const { shape, data } = output;
  if (
    shape.length !== expected.length ||
    shape.some((size, axis) => expected[axis] !== -1 && size !== expected[axis])
  ) {
    throw fail(`shape [${shape.join(',')}] instead of [${expected.join(',')}]`);
  }
  const elements = shape.reduce((product, size) => product * size, 1);
  if (data.length !== elements) throw fail(`${data.length} values for shape [${shape.join(',')}]`);
  if (elements > 0 && typeof data[0] !== 'number') throw fail('data that are not numbers');
  return { shape, data: data as number[] };
}
