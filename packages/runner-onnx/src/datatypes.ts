// v2 datatypes <-> onnxruntime tensor types, and building ORT tensors from JSON data.
import { Tensor } from 'onnxruntime-node';
import { InferenceError, type Datatype, type TensorData } from '@modelhub/inference';

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

export function toOrtTensor(
  datatype: Datatype,
  shape: readonly number[],
  data: TensorData,
): Tensor {
  const dims = [...shape];
  switch (datatype) {
    case 'FP32':
      return new Tensor('float32', Float32Array.from(data as number[]), dims);
    case 'FP64':
      return new Tensor('float64', Float64Array.from(data as number[]), dims);
    case 'INT8':
      return new Tensor('int8', Int8Array.from(data as number[]), dims);
    case 'INT16':
      return new Tensor('int16', Int16Array.from(data as number[]), dims);
    case 'INT32':
      return new Tensor('int32', Int32Array.from(data as number[]), dims);
    case 'INT64':
      return new Tensor(
        'int64',
        BigInt64Array.from(data as number[], (v) => BigInt(v)),
        dims,
      );
    case 'UINT8':
      return new Tensor('uint8', Uint8Array.from(data as number[]), dims);
    case 'UINT16':
      return new Tensor('uint16', Uint16Array.from(data as number[]), dims);
    case 'UINT32':
      return new Tensor('uint32', Uint32Array.from(data as number[]), dims);
    case 'UINT64':
      return new Tensor(
        'uint64',
        BigUint64Array.from(data as number[], (v) => BigInt(v)),
        dims,
      );
    case 'BOOL':
      return new Tensor(
        'bool',
        Uint8Array.from(data as boolean[], (v) => (v ? 1 : 0)),
        dims,
      );
    case 'BYTES':
      return new Tensor('string', data as string[], dims);
    case 'FP16':
      throw new InferenceError(
        'INVALID_ARGUMENT',
        'FP16 inputs are accepted only in the binary tensor format',
      );
  }
}

/** JSON-friendly data of an output tensor (64-bit integers become numbers). */
export function fromOrtTensor(tensor: Tensor): TensorData {
  const data = tensor.data;
  if (data instanceof BigInt64Array || data instanceof BigUint64Array)
    return Array.from(data, Number);
  if (tensor.type === 'bool') return Array.from(data as Uint8Array, Boolean);
  if (Array.isArray(data)) return data;
  return Array.from(data as ArrayLike<number>);
}
