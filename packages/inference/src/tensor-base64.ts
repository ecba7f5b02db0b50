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
  // Buffer.from skips characters outside the alphabet silently; only canonical base64 (standard
  // alphabet, padded) encodes back to itself. Re-encoding is far cheaper than a regular
  // expression over a string of hundreds of kilobytes.
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.toString('base64') !== base64) {
    throw fail('is not valid base64 (standard alphabet, padded)');
  }
  return decodeTensorBytes(datatype, bytes, true, fail);
}
