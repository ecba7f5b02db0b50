// One tensor's data as a base64 string of its KServe v2 binary bytes (little-endian, row-major;
// BYTES as 4-byte length + UTF-8 per element). The compact form for JSON transports such as
// GraphQL: a 1x3x224x224 FP32 image is one 800 KB string instead of 150,528 numbers to print,
// parse and coerce one by one.
import { InferenceError } from './inference-error.ts';
import {
  decodeTensorBytes,
  tensorByteLength,
  writeTensorBytes,
  type TensorBytesFailure,
} from './tensor-bytes.ts';
import type { AnyTensorData, Datatype } from './v2-types.ts';

/** The tensor's binary bytes, base64-encoded. */
export function encodeTensorBase64(datatype: Datatype, data: ArrayLike<unknown>): string {
  const fail: TensorBytesFailure = (message) => new InferenceError('INTERNAL', message);
  const bytes = Buffer.allocUnsafe(tensorByteLength(datatype, data, fail));
  writeTensorBytes(datatype, data, bytes, 0, fail);
  return bytes.toString('base64');
}

/**
 * The data of a base64-encoded binary tensor, as a typed array of the datatype's kind (a view over
 * the decoded bytes; see TypedTensorData), BYTES as string[]. `fail` names the tensor in its errors; a string that is
 * not padded standard base64, or whose bytes do not divide into elements, fails.
 */
export function decodeTensorBase64(
  datatype: Datatype,
  base64: string,
  fail: TensorBytesFailure,
): AnyTensorData {
  const bytes = Buffer.from(base64, 'base64');
  if (!isCanonicalBase64(base64, bytes)) {
    throw fail('is not valid base64 (standard alphabet, padded)');
  }
  return decodeTensorBytes(datatype, bytes, true, fail);
}

/**
 * Whether `base64`, which Node decoded to `bytes`, is canonical standard base64: the only string
 * that encodes those bytes. Node's decoder silently skips characters outside the alphabet, stops
 * at padding and also takes the URL-safe '-' and '_'. Each skipped character leaves the decoded
 * bytes at least one shorter than a canonical string of this length gives, so a length check,
 * a search for '-' and '_', and re-encoding the last group (whose unused bits must be zero)
 * decide it without re-encoding hundreds of kilobytes.
 */
function isCanonicalBase64(base64: string, bytes: Buffer): boolean {
  if (base64.length % 4 !== 0) return false;
  if (base64.length === 0) return true;
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  if (bytes.length !== (base64.length / 4) * 3 - padding) return false;
  if (base64.includes('-') || base64.includes('_')) return false;
  const lastGroupBytes = 3 - padding;
  return bytes.subarray(bytes.length - lastGroupBytes).toString('base64') === base64.slice(-4);
}
