// Input tensors are checked before they are sent: a wrong element count or a NaN (which JSON
// would turn into null) is refused here with the index of the tensor, without uploading a
// payload that the api would refuse anyway. Whether the tensors fit the model's signature is the
// api's to say.
import type { Datatype, TensorInput as WireTensorInput } from './generated/graphql.ts';
import { BadUserInputError } from './errors.ts';

export interface TensorInput {
  name: string;
  datatype: Datatype;
  /** concrete dimensions, row-major */
  shape: readonly number[];
  /** numeric and BOOL (0/1) tensors: the elements, a plain array or a typed array */
  data?: ArrayLike<number>;
  /** BYTES tensors: the elements */
  stringData?: readonly string[];
}

const DATATYPES: ReadonlySet<string> = new Set<Datatype>([
  'BOOL',
  'BYTES',
  'FP16',
  'FP32',
  'FP64',
  'INT8',
  'INT16',
  'INT32',
  'INT64',
  'UINT8',
  'UINT16',
  'UINT32',
  'UINT64',
]);

export function toWireInputs(inputs: readonly TensorInput[]): WireTensorInput[] {
  const list: unknown = inputs;
  if (!Array.isArray(list) || list.length === 0) {
    throw new BadUserInputError('give at least one input tensor', { field: 'inputs' });
  }
  return (list as unknown[]).map((input, i) => toWireInput(input, `inputs[${i}]`));
}

// Typed as unknown: callers in plain JavaScript can pass anything.
function toWireInput(value: unknown, field: string): WireTensorInput {
  const fail = (what: string, at: string) =>
    new BadUserInputError(`${field}: ${what}`, { field: `${field}.${at}` });
  if (typeof value !== 'object' || value === null) {
    throw new BadUserInputError(`${field} must be an object`, { field });
  }
  const input = value as Record<keyof TensorInput, unknown>;
  const { name, datatype } = input;
  if (typeof name !== 'string' || name === '') {
    throw fail('name must be a non-empty string', 'name');
  }
  if (typeof datatype !== 'string' || !DATATYPES.has(datatype)) {
    throw fail(`unknown datatype '${String(datatype)}'`, 'datatype');
  }
  const shape = numbersOf(input.shape);
  if (!shape || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
    throw fail('shape must be an array of non-negative integers', 'shape');
  }
  const count = shape.reduce((product, d) => product * d, 1);
  const sizeMismatch = (length: number) =>
    `shape [${shape.join(', ')}] holds ${count} elements, not ${length}`;

  if (datatype === 'BYTES') {
    const strings = input.stringData;
    if (!Array.isArray(strings) || !strings.every((s) => typeof s === 'string')) {
      throw fail('a BYTES tensor needs stringData, an array of strings', 'stringData');
    }
    if (strings.length !== count) throw fail(sizeMismatch(strings.length), 'stringData');
    return { name, datatype, shape, stringData: [...(strings as string[])] };
  }

  const data = numbersOf(input.data);
  if (!data) throw fail(`a ${datatype} tensor needs data, an array of numbers`, 'data');
  if (data.length !== count) throw fail(sizeMismatch(data.length), 'data');
  const bad = data.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw fail(`element ${bad} is ${String(data[bad])}, not a finite number`, 'data');
  return { name, datatype: datatype as Datatype, shape, data };
}

/** A plain or typed array of numbers as a plain array; null for anything else. */
function numbersOf(value: unknown): number[] | null {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    if (value instanceof BigInt64Array || value instanceof BigUint64Array) return null;
    return Array.from(value as unknown as ArrayLike<number>);
  }
  if (!Array.isArray(value)) return null;
  const items = value as unknown[];
  return items.every((v) => typeof v === 'number') ? (items as number[]) : null;
}
