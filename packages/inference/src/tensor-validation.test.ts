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

describe('validateInferInputs with typed arrays (binary and base64 tensors)', () => {
  const typed = (datatype: InferInputTensor['datatype'], data: InferInputTensor['data']) => ({
    inputs: [x({ datatype, shape: [1, 3, 2], data })],
  });
  const sig = (datatype: InferInputTensor['datatype']): ModelSignature => ({
    ...signature,
    inputs: [{ name: 'x', datatype, shape: [-1, 3, 2] }],
  });
  const code = (datatype: InferInputTensor['datatype'], data: InferInputTensor['data']) =>
    inferenceErrorCode(() => validateInferInputs(typed(datatype, data), sig(datatype)));

  it('passes a typed array of the datatype through as it is, without a copy', () => {
    const data = new Float32Array([1, 2, 3, 4, 5, 6]);
    const [input] = validateInferInputs(typed('FP32', data), signature);
    expect(input!.data).toBe(data);
    const int64 = new BigInt64Array([1n, -2n, 2n ** 62n, 4n, 5n, 6n]);
    expect(validateInferInputs(typed('INT64', int64), sig('INT64'))[0]!.data).toBe(int64);
  });

  it('refuses NaN and Infinity in FP32, FP64 and FP16 (raw half bits) unless the model allows them', () => {
    const withNaN = new Float32Array([1, 2, Number.NaN, 4, 5, 6]);
    expect(code('FP32', withNaN)).toBe('INVALID_ARGUMENT');
    expect(code('FP64', new Float64Array([1, 2, 3, 4, 5, -Infinity]))).toBe('INVALID_ARGUMENT');
    // 0x7c00 is +Infinity, 0x7e00 a NaN, 0x3c00 is 1
    expect(code('FP16', new Uint16Array([0x3c00, 0x3c00, 0x7c00, 0, 0, 0]))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(code('FP16', new Uint16Array([0x7e00, 0, 0, 0, 0, 0]))).toBe('INVALID_ARGUMENT');
    expect(() =>
      validateInferInputs(typed('FP32', withNaN), signature, undefined, { nonFinite: 'allow' }),
    ).not.toThrow();
    expect(() =>
      validateInferInputs(
        typed('FP16', new Uint16Array([0x3c00, 0, 0, 0, 0, 0xfbff])),
        sig('FP16'),
      ),
    ).not.toThrow();
  });

  it('names the first non-finite element wherever it lies, and passes the extremes of finite', () => {
    const length = 4 * 5 + 3; // a tail after the unrolled part of the scan
    const run = (data: Float32Array | Float64Array) => {
      const datatype = data instanceof Float32Array ? 'FP32' : 'FP64';
      const spec: ModelSignature = {
        ...signature,
        inputs: [{ name: 'x', datatype, shape: [-1] }],
      };
      return validateInferInputs({ inputs: [x({ datatype, shape: [length], data })] }, spec);
    };
    for (const bad of [Number.NaN, Infinity, -Infinity]) {
      for (let at = 0; at < length; at++) {
        const data = new Float64Array(length).fill(1.5);
        data[at] = bad;
        if (at + 2 < length) data[at + 2] = Number.NaN; // a later one is not the one named
        expect(() => run(data)).toThrow(new RegExp(`element ${at} is ${String(bad)},`));
      }
    }
    const extremes = new Float32Array(length).fill(-3.4028234663852886e38);
    extremes[1] = 3.4028234663852886e38;
    extremes[2] = -0;
    extremes[length - 1] = 1.401298464324817e-45;
    expect(() => run(extremes)).not.toThrow();
  });

  it('refuses BOOL bytes other than 0 and 1', () => {
    expect(code('BOOL', new Uint8Array([0, 1, 1, 0, 2, 1]))).toBe('INVALID_ARGUMENT');
    expect(() =>
      validateInferInputs(typed('BOOL', new Uint8Array([0, 1, 1, 0, 0, 1])), sig('BOOL')),
    ).not.toThrow();
  });

  it('refuses a typed array of another kind than the datatype, and a wrong element count', () => {
    expect(code('FP32', new Float64Array(6))).toBe('INVALID_ARGUMENT');
    expect(code('INT32', new Uint32Array(6))).toBe('INVALID_ARGUMENT');
    expect(code('FP32', new Float32Array(5))).toBe('INVALID_ARGUMENT');
  });

  it('accepts typed arrays in the request schema', () => {
    const body = {
      inputs: [{ name: 'x', datatype: 'FP32', shape: [1], data: new Float32Array(1) }],
    };
    expect(parseInferRequest(body).inputs[0]!.data).toBeInstanceOf(Float32Array);
    const view = { ...body.inputs[0], data: new DataView(new ArrayBuffer(4)) };
    expect(inferenceErrorCode(() => parseInferRequest({ inputs: [view] }))).toBe(
      'INVALID_ARGUMENT',
    );
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
