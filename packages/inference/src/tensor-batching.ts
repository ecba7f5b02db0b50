// Turning several requests' tensors into one batch and the batch's outputs back into one answer
// per request, along the first (batch) dimension. Requests batch together only when everything but
// the first dimension agrees; `batchKey` names that, so a runner keeps one batcher per key.
import { InferenceError } from './inference-error.ts';
import type { AnyTensorData } from './tensor-bytes.ts';
import { elementCount, flattenTensorData } from './tensor-validation.ts';
import { isTypedArray, type Datatype, type TypedArray } from './v2-types.ts';

/** What batching needs of a tensor: InferInputTensor, InferOutputTensor and typed forms fit. */
export interface BatchableTensor {
  name: string;
  datatype: Datatype;
  shape: number[];
  data: AnyTensorData;
}

function trailingDims(tensor: BatchableTensor): string {
  return tensor.shape.slice(1).join(',');
}

/**
 * A key equal for exactly the requests whose inputs can share a batch: the same names, datatypes
 * and dimensions after the first, in any input order.
 */
export function batchKey(inputs: readonly BatchableTensor[]): string {
  const parts = inputs.map((t) => [t.name, t.datatype, t.shape.length, trailingDims(t)] as const);
  parts.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // JSON keeps names with separators in them unambiguous.
  return JSON.stringify(parts);
}

/**
 * The first-dimension size all of one request's inputs share: its item count in a batch.
 * INVALID_ARGUMENT when an input is a scalar or the inputs disagree.
 */
export function batchRows(inputs: readonly BatchableTensor[]): number {
  let rows: number | undefined;
  for (const input of inputs) {
    if (input.shape.length === 0)
      throw new InferenceError(
        'INVALID_ARGUMENT',
        `input '${input.name}' is a scalar and cannot be batched`,
      );
    const first = input.shape[0]!;
    if (rows !== undefined && first !== rows) {
      throw new InferenceError(
        'INVALID_ARGUMENT',
        `inputs disagree on the batch dimension: '${input.name}' has ${first} rows, others ${rows}`,
      );
    }
    rows = first;
  }
  if (rows === undefined)
    throw new InferenceError('INVALID_ARGUMENT', 'a request without inputs cannot be batched');
  return rows;
}

/** Concatenates flat data: one typed array when all parts are the same kind, else an array. */
function concatData(parts: AnyTensorData[]): AnyTensorData {
  const first = parts[0]!;
  const total = parts.reduce((n, p) => n + p.length, 0);
  if (isTypedArray(first) && parts.every((p) => p.constructor === first.constructor)) {
    const Ctor = first.constructor as new (length: number) => TypedArray & {
      set(array: ArrayLike<unknown>, offset: number): void;
    };
    const out = new Ctor(total);
    let offset = 0;
    for (const part of parts) {
      out.set(part as ArrayLike<unknown>, offset);
      offset += part.length;
    }
    return out;
  }
  const out: unknown[] = new Array(total);
  let offset = 0;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) out[offset + i] = part[i];
    offset += part.length;
  }
  return out as AnyTensorData;
}

function flat(data: AnyTensorData): AnyTensorData {
  return Array.isArray(data) ? (flattenTensorData(data) as AnyTensorData) : data;
}

/**
 * Concatenates requests' inputs along the first dimension, in request order; the inputs come out
 * in the first request's order. All requests must have the same input names, datatypes, ranks and
 * dimensions after the first (INVALID_ARGUMENT otherwise: group requests by `batchKey`), and each
 * tensor's data must match its shape. Parameters of the inputs are dropped.
 */
export function concatInputs<I extends BatchableTensor>(requests: readonly (readonly I[])[]): I[] {
  const first = requests[0];
  if (!first) throw new InferenceError('INVALID_ARGUMENT', 'no requests to batch');
  const key = batchKey(first);
  const byName = requests.map((inputs, r) => {
    batchRows(inputs);
    if (batchKey(inputs) !== key) {
      throw new InferenceError(
        'INVALID_ARGUMENT',
        `request ${r} cannot share a batch with request 0: their inputs differ in names, datatypes or dimensions after the first`,
        { batchKey: batchKey(inputs), expectedBatchKey: key },
      );
    }
    return new Map(inputs.map((t) => [t.name, t]));
  });
  return first.map((template) => {
    const tensors = byName.map((m) => m.get(template.name)!);
    const parts = tensors.map((t, r) => {
      const data = flat(t.data);
      const count = elementCount(t.shape);
      if (data.length !== count) {
        throw new InferenceError(
          'INVALID_ARGUMENT',
          `request ${r} input '${t.name}' has ${data.length} data elements but shape [${t.shape.join(',')}] needs ${count}`,
        );
      }
      return data;
    });
    const rows = tensors.reduce((n, t) => n + t.shape[0]!, 0);
    const { parameters: _parameters, ...rest } = template as I & { parameters?: unknown };
    return {
      ...rest,
      shape: [rows, ...template.shape.slice(1)],
      data: parts.length === 1 ? parts[0]! : concatData(parts),
    } as unknown as I;
  });
}

/**
 * Splits a batch's outputs back into one list per request, taking `rowsPerRequest[i]` rows of the
 * first dimension for request i, in order. Typed arrays are split into views (no copy). An output
 * whose first dimension is not the batch's total is the model's fault, so INTERNAL.
 */
export function splitOutputs<O extends BatchableTensor>(
  outputs: readonly O[],
  rowsPerRequest: readonly number[],
): O[][] {
  const totalRows = rowsPerRequest.reduce((n, r) => n + r, 0);
  if (rowsPerRequest.some((r) => !Number.isSafeInteger(r) || r < 0))
    throw new InferenceError(
      'INTERNAL',
      `rows per request must be non-negative integers: ${rowsPerRequest.join(',')}`,
    );
  const perRequest: O[][] = rowsPerRequest.map(() => []);
  for (const output of outputs) {
    const data = flat(output.data);
    const [rows, ...trailing] = output.shape;
    if (rows !== totalRows) {
      throw new InferenceError(
        'INTERNAL',
        `output '${output.name}' has shape [${output.shape.join(',')}], not the batch's ${totalRows} rows first; the model cannot be batched`,
      );
    }
    const rowSize = elementCount(trailing);
    if (data.length !== rows * rowSize) {
      throw new InferenceError(
        'INTERNAL',
        `output '${output.name}' has ${data.length} data elements but shape [${output.shape.join(',')}] needs ${rows * rowSize}`,
      );
    }
    let offset = 0;
    rowsPerRequest.forEach((r, i) => {
      const end = offset + r * rowSize;
      const part = isTypedArray(data) ? data.subarray(offset, end) : data.slice(offset, end);
      perRequest[i]!.push({ ...output, shape: [r, ...trailing], data: part });
      offset = end;
    });
  }
  return perRequest;
}
