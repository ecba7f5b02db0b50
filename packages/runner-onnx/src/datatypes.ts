// v2 datatypes <-> onnxruntime tensor types, and tensor data in and out of onnxruntime.
import type { Tensor } from 'onnxruntime-node';
import type { PlainTensor } from './session-host.ts';
import {
  floatToHalf,
  type AnyTensorData,
  type Datatype,
  isTypedArray,
  type TypedArray,
} from '@modelhub/inference';

type OrtType = Tensor.Type;

const V2_TO_ORT: Partial<Record<Datatype, OrtType>> = {
  BOOL: 'bool',
  UINT8: 'uint8',
  UINT16: 'uint16',
  UINT32: 'uint32',
  UINT64: 'uint64',
  INT8: 'int8',
  INT16: 'int16',
  INT32: 'int32',
  INT64: 'int64',
  FP16: 'float16',
  FP32: 'float32',
  FP64: 'float64',
  BYTES: 'string',
};

const ORT_TO_V2 = new Map<string, Datatype>(
  Object.entries(V2_TO_ORT).map(([v2, ort]) => [ort, v2 as Datatype]),
);

export function v2Datatype(ortType: string): Datatype | null {
  return ORT_TO_V2.get(ortType) ?? null;
}

/** The typed array onnxruntime holds each v2 datatype in (FP16 as raw half bits, BOOL as 0/1). */
const ORT_ARRAY: Record<
  Exclude<Datatype, 'BYTES'>,
  { from(values: ArrayLike<number>): TypedArray }
> = {
  FP32: Float32Array,
  FP64: Float64Array,
  INT8: Int8Array,
  INT16: Int16Array,
  INT32: Int32Array,
  UINT8: Uint8Array,
  UINT16: Uint16Array,
  UINT32: Uint32Array,
  BOOL: Uint8Array,
  FP16: Uint16Array,
  INT64: { from: (values) => BigInt64Array.from(values as ArrayLike<number>, (v) => BigInt(v)) },
  UINT64: { from: (values) => BigUint64Array.from(values as ArrayLike<number>, (v) => BigInt(v)) },
};

/**
 * An onnxruntime tensor's type and data for validated v2 data. Typed arrays (binary and base64
 * requests) are taken as they are, without a copy; JSON arrays are converted once.
 */
export function toOrtTensor(
  datatype: Datatype,
  shape: readonly number[],
  data: AnyTensorData,
): PlainTensor {
  const type = V2_TO_ORT[datatype]!;
  const dims = [...shape];
  if (datatype === 'BYTES' || isTypedArray(data))
    return { type, data: data as TypedArray | string[], dims };
  const values = data as (number | boolean)[];
  const converted =
    datatype === 'BOOL'
      ? Uint8Array.from(values, (v) => (v ? 1 : 0))
      : datatype === 'FP16'
        ? Uint16Array.from(values as number[], floatToHalf)
        : ORT_ARRAY[datatype].from(values as number[]);
  return { type, data: converted, dims };
}
