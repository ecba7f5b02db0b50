// One tensor's data as a base64 string of its KServe v2 binary bytes (little-endian, row-major;
// BYTES as 4-byte length + UTF-8 per element). The compact form for JSON transports such as
// GraphQL: a 1x3x224x224 FP32 image is one 800 KB string instead of 150,528 numbers to print,
// parse and coerce one by one.
import { InferenceError } from './inference-error.ts';
import { decodeTensorBytes, tensorBytes, type TensorBytesFailure } from './tensor-bytes.ts';
import type { AnyTensorData, Datatype } from './v2-types.ts';

/** The tensor's binary bytes, base64-encoded. */
export function encodeTensorBase64(datatype: Datatype, data: ArrayLike<unknown>): string {
  return tensorBytes(datatype, data, internalFailure).toString('base64');
}

/** Bytes encoded at a time: a multiple of 3, so that the slices' texts concatenate to the whole
 * text's, and whose base64 is a string small enough for V8's young generation. */
const SLICE_BYTES = 48 * 1024;

/** encodeTensorBase64's text as strings of at most 64 KiB, to be written out one after another. */
export interface Base64Slices extends Iterable<string> {
  /** the whole text's length in characters (and bytes: base64 is ASCII) */
  readonly length: number;
}

/**
 * encodeTensorBase64's text in slices, for answers written piece by piece: as one string or one
 * buffer, the text of a large tensor (1.4 MB for the recognizer's output) would be a large
 * allocation per answer, in V8's large-object space or in fresh pages of memory, and copied
 * again to be joined with the rest of the answer. Each slice is encoded as it is iterated.
 */
export function encodeTensorBase64Slices(
  datatype: Datatype,
  data: ArrayLike<unknown>,
): Base64Slices {
  const bytes = tensorBytes(datatype, data, internalFailure);
  return {
    length: Math.ceil(bytes.length / 3) * 4,
    *[Symbol.iterator]() {
      for (let at = 0; at < bytes.length; at += SLICE_BYTES)
        yield bytes.toString('base64', at, Math.min(at + SLICE_BYTES, bytes.length));
    },
  };
}

/** Outputs the api encodes come from a model: data that does not fit is our bug. */
const internalFailure: TensorBytesFailure = (message) => new InferenceError('INTERNAL', message);

/**
 * The data of a base64-encoded binary tensor, as a typed array of the datatype's kind (a view over
 * the decoded bytes; see TypedTensorData), BYTES as string[]. The base64 text comes as a string or
 * as its ASCII bytes (how the api keeps long values out of V8's large-object space). `fail` names
 * the tensor in its errors; text that is not padded standard base64, or whose bytes do not divide
 * into elements, fails.
 */
export function decodeTensorBase64(
  datatype: Datatype,
  base64: string | Uint8Array,
  fail: TensorBytesFailure,
): AnyTensorData {
  const bytes = typeof base64 === 'string' ? decodeCanonical(base64) : decodeCanonicalAscii(base64);
  if (!bytes) throw fail('is not valid base64 (standard alphabet, padded)');
  return decodeTensorBytes(datatype, bytes, true, fail);
}

/**
 * The bytes `base64` encodes, or null unless it is canonical standard base64: the only string
 * that encodes those bytes. Node's decoder silently skips characters outside the alphabet, stops
 * at padding and also takes the URL-safe '-' and '_'. Each skipped character leaves the decoded
 * bytes at least one shorter than a canonical string of this length gives, so a length check,
 * a search for '-' and '_', and re-encoding the last group (whose unused bits must be zero)
 * decide it without re-encoding hundreds of kilobytes.
 */
function decodeCanonical(base64: string): Buffer | null {
  const bytes = Buffer.from(base64, 'base64');
  if (base64.length % 4 !== 0) return null;
  if (base64.length === 0) return bytes;
  if (base64.includes('-') || base64.includes('_')) return null;
  return isCanonicalEnd(bytes, base64.length, base64.slice(-4)) ? bytes : null;
}

/** Characters decoded at a time: a multiple of 4, and a string small enough for V8's young
 * generation (see decodeCanonicalAscii). */
const SLICE_CHARS = 64 * 1024;

/**
 * decodeCanonical for base64 text given as its ASCII bytes. It decodes slice by slice, each slice
 * a short-lived string: the whole text as one string (over 128 KiB) would be allocated in V8's
 * large-object space, which costs more than the decoding.
 */
function decodeCanonicalAscii(text: Uint8Array): Buffer | null {
  if (text.length % 4 !== 0) return null;
  if (text.length === 0) return Buffer.alloc(0);
  if (text.indexOf(0x2d) !== -1 || text.indexOf(0x5f) !== -1) return null; // '-', '_'
  const ascii = Buffer.from(text.buffer, text.byteOffset, text.length);
  const bytes = Buffer.allocUnsafe((text.length / 4) * 3);
  let written = 0;
  for (let at = 0; at < text.length; at += SLICE_CHARS) {
    const end = Math.min(at + SLICE_CHARS, text.length);
    written += bytes.write(ascii.toString('latin1', at, end), written, 'base64');
  }
  const decoded = bytes.subarray(0, written);
  return isCanonicalEnd(decoded, text.length, ascii.toString('latin1', text.length - 4))
    ? decoded
    : null;
}

/** Whether `bytes`, decoded from `length` characters of base64 ending in `lastGroup`, is all that
 * text encodes (nothing skipped) and its last group has no stray bits. */
function isCanonicalEnd(bytes: Buffer, length: number, lastGroup: string): boolean {
  const padding = lastGroup.endsWith('==') ? 2 : lastGroup.endsWith('=') ? 1 : 0;
  if (bytes.length !== (length / 4) * 3 - padding) return false;
  const lastGroupBytes = 3 - padding;
  return bytes.subarray(bytes.length - lastGroupBytes).toString('base64') === lastGroup;
}
