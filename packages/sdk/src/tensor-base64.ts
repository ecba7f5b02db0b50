// A tensor's values <-> `dataBase64`: the base64 of its bytes in the KServe v2 binary tensor
// format, as the SDK sends and receives every tensor. For image-sized tensors one string is far
// cheaper for the api (and smaller on the wire) than a JSON number per element. The bytes are
// little-endian and row-major: BOOL one byte (0/1) per element, FP16 raw half-precision bits,
// BYTES a 4-byte little-endian length before each UTF-8 element.
import { getFloat16, setFloat16 } from '@petamoriken/float16';
import { base64ToBytes, bytesToBase64 } from './base64.ts';
import { InvalidResponseError } from './errors.ts';
import type { Datatype } from './generated/graphql.ts';

export type NumericDatatype = Exclude<Datatype, 'BYTES'>;

interface ElementCodec {
  size: number;
  write: (view: DataView, offset: number, value: number) => void;
  read: (view: DataView, offset: number) => number;
}

// DataView with an explicit little-endian flag keeps the byte order right on any host, and on
// tensor-sized data it is faster than filling a typed array and copying its memory.
const ELEMENTS: Record<NumericDatatype, ElementCodec> = {
  BOOL: { size: 1, write: (v, o, x) => v.setUint8(o, x), read: (v, o) => v.getUint8(o) },
  UINT8: { size: 1, write: (v, o, x) => v.setUint8(o, x), read: (v, o) => v.getUint8(o) },
  INT8: { size: 1, write: (v, o, x) => v.setInt8(o, x), read: (v, o) => v.getInt8(o) },
  UINT16: {
    size: 2,
    write: (v, o, x) => v.setUint16(o, x, true),
    read: (v, o) => v.getUint16(o, true),
  },
  INT16: {
    size: 2,
    write: (v, o, x) => v.setInt16(o, x, true),
    read: (v, o) => v.getInt16(o, true),
  },
  FP16: {
    size: 2,
    write: (v, o, x) => setFloat16(v, o, x, true),
    read: (v, o) => getFloat16(v, o, true),
  },
  UINT32: {
    size: 4,
    write: (v, o, x) => v.setUint32(o, x, true),
    read: (v, o) => v.getUint32(o, true),
  },
  INT32: {
    size: 4,
    write: (v, o, x) => v.setInt32(o, x, true),
    read: (v, o) => v.getInt32(o, true),
  },
  FP32: {
    size: 4,
    write: (v, o, x) => v.setFloat32(o, x, true),
    read: (v, o) => v.getFloat32(o, true),
  },
  // The SDK's tensors hold numbers: exact up to 2^53, beyond that the nearest number, as JSON.
  UINT64: {
    size: 8,
    write: (v, o, x) => v.setBigUint64(o, BigInt(x), true),
    read: (v, o) => Number(v.getBigUint64(o, true)),
  },
  INT64: {
    size: 8,
    write: (v, o, x) => v.setBigInt64(o, BigInt(x), true),
    read: (v, o) => Number(v.getBigInt64(o, true)),
  },
  FP64: {
    size: 8,
    write: (v, o, x) => v.setFloat64(o, x, true),
    read: (v, o) => v.getFloat64(o, true),
  },
};

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * A numeric or BOOL tensor's elements as base64 of their bytes. The caller has checked that every
 * element fits the datatype: DataView would wrap or round one that does not, silently.
 */
export function encodeNumbersBase64(datatype: NumericDatatype, data: ArrayLike<number>): string {
  const { size, write } = ELEMENTS[datatype];
  const bytes = new Uint8Array(data.length * size);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < data.length; i++) write(view, i * size, data[i]!);
  return bytesToBase64(bytes);
}

/** A BYTES tensor's elements as base64 of their length-prefixed UTF-8 bytes. */
export function encodeStringsBase64(data: readonly string[]): string {
  const encoded = data.map((s) => utf8Encoder.encode(s));
  const bytes = new Uint8Array(encoded.reduce((total, e) => total + 4 + e.length, 0));
  const view = new DataView(bytes.buffer);
  let offset = 0;
  for (const element of encoded) {
    view.setUint32(offset, element.length, true);
    bytes.set(element, offset + 4);
    offset += 4 + element.length;
  }
  return bytesToBase64(bytes);
}

/** Builds the error for a malformed output; the caller names the tensor. */
type Failure = (problem: string) => InvalidResponseError;

function decodeStrings(bytes: Uint8Array, fail: Failure): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: string[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    if (offset + 4 > bytes.length) throw fail(`BYTES element ${out.length} cut off in its length`);
    const length = view.getUint32(offset, true);
    offset += 4;
    if (offset + length > bytes.length) {
      throw fail(
        `BYTES element ${out.length} of ${length} bytes where ${bytes.length - offset} remain`,
      );
    }
    try {
      out.push(utf8Decoder.decode(bytes.subarray(offset, offset + length)));
    } catch {
      throw fail(`BYTES element ${out.length} that is not UTF-8`);
    }
    offset += length;
  }
  return out;
}

function decodeNumbers(datatype: NumericDatatype, bytes: Uint8Array, fail: Failure): number[] {
  const { size, read } = ELEMENTS[datatype];
  if (bytes.length % size !== 0) {
    throw fail(`${bytes.length} bytes, not a whole number of ${size}-byte elements`);
  }
  if (datatype === 'BOOL') {
    const bad = bytes.findIndex((b) => b > 1);
    if (bad >= 0) throw fail(`BOOL element ${bad} of ${bytes[bad]}, not 0 or 1`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Array<number>(bytes.length / size);
  for (let i = 0; i < out.length; i++) out[i] = read(view, i * size);
  return out;
}

/**
 * The values of output `name` that the api sent as `dataBase64`: strings for BYTES, numbers
 * (BOOL as 0/1) for every other datatype. InvalidResponseError when they do not decode.
 */
export function decodeTensorBase64(
  name: string,
  datatype: Datatype,
  base64: string,
): number[] | string[] {
  const fail: Failure = (problem) =>
    new InvalidResponseError(`the api sent output '${name}' (${datatype}) with ${problem}`);
  if (datatype !== 'BYTES' && !Object.hasOwn(ELEMENTS, datatype)) {
    throw fail('a datatype this SDK does not know');
  }
  const bytes = base64ToBytes(base64);
  if (!bytes) throw fail('a dataBase64 that is not padded standard base64');
  return datatype === 'BYTES' ? decodeStrings(bytes, fail) : decodeNumbers(datatype, bytes, fail);
}
