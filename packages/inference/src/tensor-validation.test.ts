import { describe, expect, it } from 'vitest';
import { inferenceErrorCode } from './inference-error-code.test-helper.ts';
import { parseInferRequest } from './infer-request-schema.ts';
import { DEFAULT_TENSOR_LIMITS, validateInferInputs } from './tensor-validation.ts';
import type { InferInputTensor, ModelSignature } from './v2-types.ts';

const signature: ModelSignature = {
  inputs: [{ name: 'x', datatype: 'FP32', shape: [-1, 3, 2] }],
  outputs: [{ name: 'y', datatype: 'FP32', shape: [-1, 2] }],
};

const x = (over: Partial<InferInputTensor> = {}): InferInputTensor => ({
  name: 'x',
  datatype: 'FP32',
  shape: [1, 3, 2],
  data: [1, 2, 3, 4, 5, 6],
  ...over,
});

describe('validateInferInputs', () => {
  it('refuses an array inside flat data, nesting being all or nothing', () => {
    const mixed = x({ shape: [1, 3, 2], data: [1, [2, 3], 4, 5, 6, 7] as never });
    expect(inferenceErrorCode(() => validateInferInputs({ inputs: [mixed] }, signature))).toBe(
      'INVALID_ARGUMENT',
    );
  });

  it('accepts a matching tensor with any batch size and flattens nested data', () => {
    const [input] = validateInferInputs(
      {
        inputs: [
          x({
            shape: [2, 3, 2],
            data: [
              [
                [1, 2],
                [3, 4],
                [5, 6],
              ],
              [
                [1, 2],
                [3, 4],
                [5, 6],
              ],
            ] as never,
          }),
        ],
      },
      signature,
    );
    expect(input!.data).toHaveLength(12);
  });

  it('names the expected signature when the shape is wrong', () => {
    expect(() => validateInferInputs({ inputs: [x({ shape: [1, 2, 3] })] }, signature)).toThrow(
      /shape \[1,2,3\].*expected inputs x: FP32\[\?,3,2\]/,
    );
  });

  it.each([
    ['a wrong datatype', x({ datatype: 'INT32' })],
    ['a wrong rank', x({ shape: [6] })],
    ['too few data elements', x({ data: [1, 2, 3] })],
    ['a NaN', x({ data: [1, 2, 3, 4, 5, Number.NaN] })],
    ['Infinity', x({ data: [1, 2, 3, 4, 5, Number.POSITIVE_INFINITY] })],
    ['a string in a float tensor', x({ data: [1, 2, 3, 4, 5, '6'] as never })],
    ['an unknown input name', x({ name: 'z' })],
    ['an empty dimension', x({ shape: [0, 3, 2], data: [] })],
  ])('rejects %s with INVALID_ARGUMENT', (_what, input) => {
    expect(inferenceErrorCode(() => validateInferInputs({ inputs: [input] }, signature))).toBe(
      'INVALID_ARGUMENT',
    );
  });

  it('rejects a missing input, a duplicated input and an unknown requested output', () => {
    const two: ModelSignature = {
      ...signature,
      inputs: [...signature.inputs, { name: 'w', datatype: 'INT64', shape: [1] }],
    };
    expect(() => validateInferInputs({ inputs: [x()] }, two)).toThrow(/missing input\(s\) 'w'/);
    expect(inferenceErrorCode(() => validateInferInputs({ inputs: [x(), x()] }, signature))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(() =>
      validateInferInputs({ inputs: [x()], outputs: [{ name: 'nope' }] }, signature),
    ).toThrow(/unknown output 'nope'/);
  });

  it('checks integer ranges', () => {
    const ints: ModelSignature = {
      inputs: [{ name: 'i', datatype: 'UINT8', shape: [2] }],
      outputs: [],
    };
    expect(() =>
      validateInferInputs(
        { inputs: [{ name: 'i', datatype: 'UINT8', shape: [2], data: [1, 255] }] },
        ints,
      ),
    ).not.toThrow();
    expect(
      inferenceErrorCode(() =>
        validateInferInputs(
          { inputs: [{ name: 'i', datatype: 'UINT8', shape: [2], data: [1, 256] }] },
          ints,
        ),
      ),
    ).toBe('INVALID_ARGUMENT');
    expect(
      inferenceErrorCode(() =>
        validateInferInputs(
          { inputs: [{ name: 'i', datatype: 'UINT8', shape: [2], data: [1, 1.5] }] },
          ints,
        ),
      ),
    ).toBe('INVALID_ARGUMENT');
  });

  it('names a NaN as NaN, not as the null JSON would print', () => {
    expect(() =>
      validateInferInputs({ inputs: [x({ data: [1, 2, 3, 4, 5, Number.NaN] })] }, signature),
    ).toThrow(/element 5 is NaN, not a finite number/);
  });

  it('passes NaN and Infinity in float inputs through when the policy allows them', () => {
    const data = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, 1, 2];
    const [input] = validateInferInputs(
      { inputs: [x({ data })] },
      signature,
      DEFAULT_TENSOR_LIMITS,
      { nonFinite: 'allow' },
    );
    expect(input!.data).toEqual(data);
    // still only numbers
    expect(
      inferenceErrorCode(() =>
        validateInferInputs(
          { inputs: [x({ data: [1, 2, 3, 4, 5, '6'] as never })] },
          signature,
          DEFAULT_TENSOR_LIMITS,
          { nonFinite: 'allow' },
        ),
      ),
    ).toBe('INVALID_ARGUMENT');
  });

  it('never lets non-finite values into integer inputs, whatever the policy', () => {
    const ints: ModelSignature = {
      inputs: [{ name: 'i', datatype: 'INT32', shape: [2] }],
      outputs: [],
    };
    expect(
      inferenceErrorCode(() =>
        validateInferInputs(
          { inputs: [{ name: 'i', datatype: 'INT32', shape: [2], data: [1, Number.NaN] }] },
          ints,
          DEFAULT_TENSOR_LIMITS,
          { nonFinite: 'allow' },
        ),
      ),
    ).toBe('INVALID_ARGUMENT');
  });

  it('refuses tensors over the element limit before reading their data', () => {
    expect(
      inferenceErrorCode(() =>
        validateInferInputs({ inputs: [x({ shape: [1000, 3, 2], data: [] })] }, signature, {
          maxElementsPerInput: 5000,
        }),
      ),
    ).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('parseInferRequest', () => {
  it.each([
    [null],
    [{}],
    [{ inputs: [] }],
    [{ inputs: [{ name: 'x', datatype: 'FLOAT', shape: [1], data: [1] }] }],
    [{ inputs: [{ name: 'x', datatype: 'FP32', shape: [-1], data: [1] }] }],
    [{ inputs: [{ name: 'x', datatype: 'FP32', shape: [1.5], data: [1] }] }],
    [{ inputs: [{ name: 'x', datatype: 'FP32', shape: [1], data: 'abc' }] }],
  ])('rejects the malformed body %j', (body) => {
    expect(inferenceErrorCode(() => parseInferRequest(body))).toBe('INVALID_ARGUMENT');
  });
});
