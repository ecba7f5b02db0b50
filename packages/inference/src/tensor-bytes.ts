// One tensor's raw bytes in the KServe v2 binary tensor format <-> its data: little-endian,
// row-major, BOOL one byte per element, BYTES each a 4-byte little-endian length then the bytes.
import { floatToHalf, halfToFloat } from './float16.ts';
import type { InferenceError } from './inference-error.ts';
import { DATATYPES, type AnyTensorData, type Datatype, type TypedTensorData } from './v2-types.ts';

export type { AnyTensorData, TypedTensorData };

/** Builds the error for a malformed tensor; the caller picks the code and names the tensor. */
export type TensorBytesFailure = (message: string) => InferenceError;

type FixedDatatype = Exclude<Datatype, 'BYTES'>;

export const BINARY_ELEMENT_SIZE: Record<FixedDatatype, number> = {
  BOOL: 1,
  UINT8: 1,
  INT8: 1,
  UINT16: 2,
  INT16: 2,
  FP16: 2,
  UINT32: 4,
  INT32: 4,
  FP32: 4,
  UINT64: 8,
  INT64: 8,
  FP64: 8,
};

const INTEGER_RANGES: Partial<Record<Datatype, [number, number]>> = {
  UINT8: [0, 255],
  UINT16: [0, 65_535],
  UINT32: [0, 4_294_967_295],
  INT8: [-128, 127],
  INT16: [-32_768, 32_767],
  INT32: [-2_147_483_648, 2_147_483_647],
};

type TypedArrayConstructor =
  | Float32ArrayConstructor
  | Float64ArrayConstructor
  | Int8ArrayConstructor
  | Int16ArrayConstructor
  | Int32ArrayConstructor
  | BigInt64ArrayConstructor
  | Uint8ArrayConstructor
  | Uint16ArrayConstructor
  | Uint32ArrayConstructor
  | BigUint64ArrayConstructor;

/** The typed array each fixed-size datatype travels as (FP16: raw half bits, BOOL: 0/1 bytes). */
export const TYPED_ARRAY: Record<FixedDatatype, TypedArrayConstructor> = {
  BOOL: Uint8Array,
  UINT8: Uint8Array,
  INT8: Int8Array,
  UINT16: Uint16Array,
  INT16: Int16Array,
  FP16: Uint16Array,
  UINT32: Uint32Array,
  INT32: Int32Array,
  FP32: Float32Array,
  UINT64: BigUint64Array,
  INT64: BigInt64Array,
  FP64: Float64Array,
};

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const TWO_32 = 2 ** 32;
// A 64-bit integer is a safe JS integer iff its high 32 bits (signed) lie in [-2^21, 2^21),
// except -2^53 itself (high -2^21, low 0).
const SAFE_HIGH = 2 ** 21;

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function isDatatype(value: unknown): value is Datatype {
  return typeof value === 'string' && (DATATYPES as readonly string[]).includes(value);
}

function reverseEachElement(bytes: Uint8Array, size: number): void {
  for (let i = 0; i < bytes.length; i += size) bytes.subarray(i, i + size).reverse();
}

/**
 * A typed array over little-endian bytes: a view without copying when the bytes are aligned for
 * the element type (and the host is little-endian, as every platform Node ships for is), an
 * aligned copy otherwise. A view shares memory with the body it came from.
 */
function typedArrayOf(datatype: FixedDatatype, bytes: Uint8Array): TypedTensorData {
  const Ctor = TYPED_ARRAY[datatype];
  const size = Ctor.BYTES_PER_ELEMENT;
  if (LITTLE_ENDIAN && bytes.byteOffset % size === 0) {
    // The cast only narrows ArrayBufferLike for the constructor union; shared memory works too.
    return new Ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength / size);
  }
  const copy = new Uint8Array(bytes);
  if (!LITTLE_ENDIAN) reverseEachElement(copy, size);
  return new Ctor(copy.buffer, 0, copy.byteLength / size);
}

function decodeStrings(bytes: Uint8Array, fail: TensorBytesFailure): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: string[] = [];
  let offset = 0;
  while (offset < bytes.byteLength) {
    if (offset + 4 > bytes.byteLength)
      throw fail(`BYTES element ${out.length} has a truncated 4-byte length prefix`);
    const length = view.getUint32(offset, true);
    offset += 4;
    if (offset + length > bytes.byteLength) {
      throw fail(
        `BYTES element ${out.length} claims ${length} bytes but only ${bytes.byteLength - offset} remain`,
      );
    }
    try {
      out.push(utf8.decode(bytes.subarray(offset, offset + length)));
    } catch {
      throw fail(`BYTES element ${out.length} is not valid UTF-8`);
    }
    offset += length;
  }
  return out;
}

/**
 * Decodes one tensor's binary data. By default the data comes back as the JSON form (number[],
 * boolean[], string[]) so the existing validators can check it; with `typedArrays` as typed arrays
 * (see TypedTensorData) that a runner can hand to onnxruntime as they are.
 */
export function decodeTensorBytes(
  datatype: Datatype,
  bytes: Uint8Array,
  typedArrays: boolean,
  fail: TensorBytesFailure,
): AnyTensorData {
  if (datatype === 'BYTES') return decodeStrings(bytes, fail);
  const size = BINARY_ELEMENT_SIZE[datatype];
  if (bytes.byteLength % size !== 0) {
    throw fail(
      `binary_data_size ${bytes.byteLength} is not a multiple of ${size}, the size of one ${datatype} element`,
    );
  }
  const count = bytes.byteLength / size;
  if (datatype === 'BOOL') {
    for (let i = 0; i < count; i++)
      if (bytes[i]! > 1) throw fail(`BOOL element ${i} is ${bytes[i]}, not 0 or 1`);
    if (!typedArrays) return Array.from(bytes, (b) => b === 1);
    // a plain Uint8Array view, not a Buffer, whatever the body was
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  if (typedArrays) return typedArrayOf(datatype, bytes);

  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Array<number>(count);
  switch (datatype) {
    case 'FP16':
      for (let i = 0; i < count; i++) out[i] = halfToFloat(view.getUint16(i * 2, true));
      return out;
    case 'INT64':
    case 'UINT64': {
      // Read as two 32-bit halves: no BigInt per element, and the range check is on the high half.
      const signed = datatype === 'INT64';
      for (let i = 0; i < count; i++) {
        const low = view.getUint32(i * 8, true);
        const high = signed ? view.getInt32(i * 8 + 4, true) : view.getUint32(i * 8 + 4, true);
        if (high >= SAFE_HIGH || high < -SAFE_HIGH || (high === -SAFE_HIGH && low === 0)) {
          throw fail(
            `${datatype} element ${i} is outside the safe integer range (±${Number.MAX_SAFE_INTEGER}); use typed arrays to keep 64-bit values`,
          );
        }
        out[i] = high * TWO_32 + low;
      }
      return out;
    }
    default: {
      // A plain loop over a typed view beats DataView calls and Array.from on large tensors.
      const typed = typedArrayOf(datatype, bytes) as ArrayLike<number>;
      for (let i = 0; i < count; i++) out[i] = typed[i]!;
      return out;
    }
  }
}

function elementError(
  fail: TensorBytesFailure,
  datatype: Datatype,
  index: number,
  value: unknown,
): InferenceError {
  const shown = typeof value === 'bigint' ? `${value}n` : JSON.stringify(value);
  return fail(`element ${index} is ${shown}, not a ${datatype} value`);
}

/**
 * The number of bytes `data` takes in the binary format. Checks BYTES elements are strings;
 * `data` must be flat.
 */
export function tensorByteLength(
  datatype: Datatype,
  data: ArrayLike<unknown>,
  fail: TensorBytesFailure,
): number {
  if (datatype !== 'BYTES') return data.length * BINARY_ELEMENT_SIZE[datatype];
  let total = 0;
  for (let i = 0; i < data.length; i++) {
    const value = data[i];
    if (typeof value !== 'string') throw elementError(fail, datatype, i, value);
    total += 4 + Buffer.byteLength(value, 'utf8');
  }
  return total;
}

function writeInt64(
  view: DataView,
  offset: number,
  value: unknown,
  signed: boolean,
  error: () => InferenceError,
): void {
  if (typeof value === 'bigint') {
    const fits = signed
      ? value >= -(2n ** 63n) && value < 2n ** 63n
      : value >= 0n && value < 2n ** 64n;
    if (!fits) throw error();
    if (signed) view.setBigInt64(offset, value, true);
    else view.setBigUint64(offset, value, true);
    return;
  }
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || (!signed && value < 0))
    throw error();
  // Exact for safe integers: dividing by 2^32 only moves the exponent.
  const high = Math.floor(value / TWO_32);
  view.setUint32(offset, value - high * TWO_32, true);
  view.setInt32(offset + 4, high, true);
}

/**
 * The tensor's binary bytes: a view over `data` when it already is them (a typed array of the
 * datatype's own kind on a little-endian host, so sending it costs no copy), else written into a
 * new zero-filled buffer (a sizing bug must never expose stale process memory).
 */
export function tensorBytes(
  datatype: Datatype,
  data: ArrayLike<unknown>,
  fail: TensorBytesFailure,
): Buffer {
  if (LITTLE_ENDIAN && datatype !== 'BYTES' && datatype !== 'BOOL') {
    if (data instanceof TYPED_ARRAY[datatype]) {
      return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    }
  }
  const bytes = Buffer.alloc(tensorByteLength(datatype, data, fail));
  writeTensorBytes(datatype, data, bytes, 0, fail);
  return bytes;
}

/**
 * Writes `data` (flat, `tensorByteLength` bytes) into `target` at `offset`. Typed arrays of the
 * datatype's own kind are copied as memory; anything else is checked element by element, so a
 * value the datatype cannot hold fails instead of wrapping silently.
 */
function writeTensorBytes(
  datatype: Datatype,
  data: ArrayLike<unknown>,
  target: Buffer,
  offset: number,
  fail: TensorBytesFailure,
): void {
  if (datatype === 'BYTES') {
    const view = new DataView(target.buffer, target.byteOffset, target.byteLength);
    for (let i = 0; i < data.length; i++) {
      const value = data[i] as string; // tensorByteLength checked the type
      const length = target.write(value, offset + 4, 'utf8');
      view.setUint32(offset, length, true);
      offset += 4 + length;
    }
    return;
  }
  const size = BINARY_ELEMENT_SIZE[datatype];
  if (data instanceof TYPED_ARRAY[datatype] && datatype !== 'BOOL') {
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    target.set(bytes, offset);
    if (!LITTLE_ENDIAN) reverseEachElement(target.subarray(offset, offset + bytes.length), size);
    return;
  }
  const view = new DataView(target.buffer, target.byteOffset + offset, data.length * size);
  const bad = (i: number) => elementError(fail, datatype, i, data[i]);
  const range = INTEGER_RANGES[datatype];
  for (let i = 0; i < data.length; i++) {
    const value = data[i];
    const at = i * size;
    if (datatype === 'BOOL') {
      if (value === true || value === 1) view.setUint8(at, 1);
      else if (value === false || value === 0) view.setUint8(at, 0);
      else throw bad(i);
      continue;
    }
    if (datatype === 'INT64' || datatype === 'UINT64') {
      writeInt64(view, at, value, datatype === 'INT64', () => bad(i));
      continue;
    }
    if (typeof value !== 'number') throw bad(i);
    if (range && (!Number.isInteger(value) || value < range[0] || value > range[1])) throw bad(i);
    switch (datatype) {
      case 'FP32':
        view.setFloat32(at, value, true);
        break;
      case 'FP64':
        view.setFloat64(at, value, true);
        break;
      case 'FP16':
        view.setUint16(at, floatToHalf(value), true);
        break;
      case 'INT8':
        view.setInt8(at, value);
        break;
      case 'UINT8':
        view.setUint8(at, value);
        break;
      case 'INT16':
        view.setInt16(at, value, true);
        break;
      case 'UINT16':
        view.setUint16(at, value, true);
        break;
      case 'INT32':
        view.setInt32(at, value, true);
        break;
      case 'UINT32':
        view.setUint32(at, value, true);
        break;
    }
  }
}
