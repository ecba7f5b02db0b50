// Input tensors are checked before they are sent, then sent as `dataBase64`: a wrong element
// count, a NaN or a value the datatype cannot hold (which its binary form would wrap or round to
// infinity silently) is refused here with the index of the tensor, without uploading a payload
// that the api would refuse anyway. Whether the tensors fit the model's signature is the api's
// to say.
import type { Datatype, TensorInput as WireTensorInput } from './generated/graphql.ts';
import { BadUserInputError } from './errors.ts';
import { encodeNumbersBase64, encodeStringsBase64, type NumericDatatype } from './tensor-base64.ts';

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

/** [lowest, one above the highest] of the integer datatypes (BOOL is 0 or 1), exact as numbers */
const INTEGER_RANGES: Partial<Record<NumericDatatype, readonly [number, number]>> = {
  BOOL: [0, 2],
  UINT8: [0, 2 ** 8],
  INT8: [-(2 ** 7), 2 ** 7],
  UINT16: [0, 2 ** 16],
  INT16: [-(2 ** 15), 2 ** 15],
  UINT32: [0, 2 ** 32],
  INT32: [-(2 ** 31), 2 ** 31],
  UINT64: [0, 2 ** 64],
  INT64: [-(2 ** 63), 2 ** 63],
};

/** Half precision rounds from here on to infinity (65504 is its largest finite value). */
const FP16_OVERFLOW = 65520;

/** Why finite `value` does not fit `datatype`; null when it does. */
function misfit(datatype: NumericDatatype, value: number): string | null {
  const range = INTEGER_RANGES[datatype];
  if (range) {
    if (!Number.isInteger(value)) return 'not an integer';
    return value >= range[0] && value < range[1] ? null : `outside the ${datatype} range`;
  }
  if (datatype === 'FP16' && Math.abs(value) >= FP16_OVERFLOW) return 'too large for FP16';
  if (datatype === 'FP32' && !Number.isFinite(Math.fround(value))) return 'too large for FP32';
  return null;
}

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
  const dimensions = numbersOf(input.shape);
  // a plain array: JSON would turn a typed array into an object
  const shape = dimensions && Array.from(dimensions);
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
    return { name, datatype, shape, dataBase64: encodeStringsBase64(strings as string[]) };
  }

  const numeric = datatype as NumericDatatype;
  const data = numbersOf(input.data);
  if (!data) throw fail(`a ${datatype} tensor needs data, an array of numbers`, 'data');
  if (data.length !== count) throw fail(sizeMismatch(data.length), 'data');
  for (let i = 0; i < data.length; i++) {
    const value = data[i]!;
    const why = Number.isFinite(value) ? misfit(numeric, value) : 'not a finite number';
    if (why) throw fail(`element ${i} is ${String(value)}, ${why}`, 'data');
  }
  return { name, datatype: numeric, shape, dataBase64: encodeNumbersBase64(numeric, data) };
}

/** A plain or typed array of numbers; null for anything else. */
function numbersOf(value: unknown): ArrayLike<number> | null {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    if (value instanceof BigInt64Array || value instanceof BigUint64Array) return null;
    return value as unknown as ArrayLike<number>;
  }
  if (!Array.isArray(value)) return null;
  const items = value as unknown[];
  return items.every((v) => typeof v === 'number') ? (items as number[]) : null;
}
