import { describe, expect, it } from 'vitest';
import { inferenceErrorCode } from './inference-error-code.test-helper.ts';
import { batchKey, batchRows, concatInputs, splitOutputs } from './tensor-batching.ts';
import type { InferInputTensor, InferOutputTensor } from './v2-types.ts';

let counter = 0;
/** A request of `rows` rows with an FP32 [rows,3,2] image and an INT64 [rows,4] mask. */
function request(rows: number): InferInputTensor[] {
  const next = () => counter++;
  return [
    {
      name: 'pixels',
      datatype: 'FP32',
      shape: [rows, 3, 2],
      data: Array.from({ length: rows * 6 }, () => next() + 0.5),
    },
    {
      name: 'mask',
      datatype: 'INT64',
      shape: [rows, 4],
      data: Array.from({ length: rows * 4 }, next),
    },
  ];
}

describe('batchKey', () => {
  it('is equal for compatible requests, whatever the batch size and input order', () => {
    const [a, b] = request(1);
    const [c, d] = request(5);
    expect(batchKey([a!, b!])).toBe(batchKey([d!, c!]));
  });

  it('differs on names, datatypes, ranks and trailing dims', () => {
    const base = batchKey(request(1));
    const [pixels, mask] = request(1);
    expect(batchKey([{ ...pixels!, name: 'image' }, mask!])).not.toBe(base);
    expect(batchKey([{ ...pixels!, datatype: 'FP16' }, mask!])).not.toBe(base);
    expect(batchKey([{ ...pixels!, shape: [1, 6] }, mask!])).not.toBe(base);
    expect(batchKey([{ ...pixels!, shape: [1, 3, 3] }, mask!])).not.toBe(base);
    expect(batchKey([pixels!])).not.toBe(base);
  });
});

describe('batchRows', () => {
  it('reads the shared first dimension and refuses disagreement and scalars', () => {
    expect(batchRows(request(3))).toBe(3);
    const [pixels, mask] = request(2);
    expect(inferenceErrorCode(() => batchRows([pixels!, { ...mask!, shape: [3, 4] }]))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(inferenceErrorCode(() => batchRows([{ ...pixels!, shape: [] }]))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(inferenceErrorCode(() => batchRows([]))).toBe('INVALID_ARGUMENT');
  });
});

describe('concatInputs and splitOutputs', () => {
  it('concatenates along the first dimension in request order', () => {
    const one = request(1);
    const two = request(2);
    const [pixels, mask] = concatInputs([one, two]);
    expect(pixels!.shape).toEqual([3, 3, 2]);
    expect(pixels!.data).toEqual([...one[0]!.data, ...two[0]!.data]);
    expect(mask!.shape).toEqual([3, 4]);
    expect(mask!.data).toEqual([...one[1]!.data, ...two[1]!.data]);
  });

  it('matches inputs by name, not position, and drops input parameters', () => {
    const one = request(1);
    const [p, m] = request(2);
    const [pixels, mask] = concatInputs([
      one.map((t) => ({ ...t, parameters: { binary_data_size: 4 } })),
      [m!, p!],
    ]);
    expect(pixels!.data).toEqual([...one[0]!.data, ...p!.data]);
    expect(mask!.data).toEqual([...one[1]!.data, ...m!.data]);
    expect(pixels).not.toHaveProperty('parameters');
  });

  it('round-trips exactly through an identity model, for random batches', () => {
    for (let round = 0; round < 20; round++) {
      const rows = Array.from({ length: 1 + (round % 7) }, (_, i) => 1 + ((round * 7 + i) % 4));
      const requests = rows.map(request);
      const outputs = concatInputs(requests);
      const split = splitOutputs(outputs, rows);
      expect(split).toEqual(requests);
    }
  });

  it('flattens nested data before concatenating', () => {
    const nested: InferInputTensor = {
      name: 'x',
      datatype: 'INT32',
      shape: [1, 2],
      data: [[1, 2]] as never,
    };
    const [x] = concatInputs([[nested], [{ ...nested, data: [3, 4] }]]);
    expect(x!.data).toEqual([1, 2, 3, 4]);
  });

  it('keeps typed arrays typed, and splits them into views', () => {
    const a = {
      name: 'x',
      datatype: 'FP32' as const,
      shape: [1, 2],
      data: new Float32Array([1, 2]),
    };
    const b = { ...a, shape: [2, 2], data: new Float32Array([3, 4, 5, 6]) };
    const [x] = concatInputs([[a], [b]]);
    expect(x!.data).toBeInstanceOf(Float32Array);
    expect(Array.from(x!.data as Float32Array)).toEqual([1, 2, 3, 4, 5, 6]);
    const [[first], [second]] = splitOutputs([x!], [1, 2]) as [(typeof a)[], (typeof a)[]];
    expect(first!.data).toEqual(a.data);
    expect(second!.data).toEqual(b.data);
    expect((second!.data as Float32Array).buffer).toBe((x!.data as Float32Array).buffer);
  });

  it('passes a single request through', () => {
    const only = request(3);
    expect(concatInputs([only])).toEqual(only);
  });

  it('rejects requests with different trailing dims, datatypes or names', () => {
    const [pixels, mask] = request(1);
    const other = request(1);
    const variants: InferInputTensor[][] = [
      [{ ...pixels!, shape: [1, 2, 3] }, mask!],
      [{ ...pixels!, datatype: 'FP64' }, mask!],
      [{ ...pixels!, name: 'image' }, mask!],
      [pixels!],
    ];
    for (const variant of variants)
      expect(inferenceErrorCode(() => concatInputs([other, variant]))).toBe('INVALID_ARGUMENT');
  });

  it('rejects data that does not fill the shape, and an empty batch', () => {
    const [pixels, mask] = request(2);
    const short = { ...pixels!, data: (pixels!.data as number[]).slice(1) };
    expect(inferenceErrorCode(() => concatInputs([request(1), [short, mask!]]))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(inferenceErrorCode(() => concatInputs([]))).toBe('INVALID_ARGUMENT');
  });

  it('refuses outputs that do not have the batch rows first (INTERNAL: the model is at fault)', () => {
    const y: InferOutputTensor = {
      name: 'y',
      datatype: 'FP32',
      shape: [3, 2],
      data: [1, 2, 3, 4, 5, 6],
    };
    expect(splitOutputs([y], [1, 2])[1]![0]!.data).toEqual([3, 4, 5, 6]);
    expect(inferenceErrorCode(() => splitOutputs([y], [1, 1]))).toBe('INTERNAL');
    expect(inferenceErrorCode(() => splitOutputs([{ ...y, shape: [] }], [1]))).toBe('INTERNAL');
    expect(inferenceErrorCode(() => splitOutputs([{ ...y, data: [1, 2] }], [1, 2]))).toBe(
      'INTERNAL',
    );
    expect(inferenceErrorCode(() => splitOutputs([y], [1.5, 1.5]))).toBe('INTERNAL');
  });

  it('splits several outputs with different trailing dims', () => {
    const outputs: InferOutputTensor[] = [
      { name: 'scores', datatype: 'FP32', shape: [3], data: [0.1, 0.2, 0.3] },
      { name: 'labels', datatype: 'BYTES', shape: [3, 2], data: ['a', 'b', 'c', 'd', 'e', 'f'] },
    ];
    expect(splitOutputs(outputs, [2, 1])).toEqual([
      [
        { name: 'scores', datatype: 'FP32', shape: [2], data: [0.1, 0.2] },
        { name: 'labels', datatype: 'BYTES', shape: [2, 2], data: ['a', 'b', 'c', 'd'] },
      ],
      [
        { name: 'scores', datatype: 'FP32', shape: [1], data: [0.3] },
        { name: 'labels', datatype: 'BYTES', shape: [1, 2], data: ['e', 'f'] },
      ],
    ]);
  });
});
