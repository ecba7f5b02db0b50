// KServe Open Inference Protocol v2 (the protocol of Triton and KServe), JSON form.
// https://kserve.github.io/website/latest/modelserving/data_plane/v2_protocol/

export const DATATYPES = [
  'BOOL',
  'UINT8',
  'UINT16',
  'UINT32',
  'UINT64',
  'INT8',
  'INT16',
  'INT32',
  'INT64',
  'FP16',
  'FP32',
  'FP64',
  'BYTES',
] as const;
export type Datatype = (typeof DATATYPES)[number];

/** One input or output as a model declares it; -1 marks a dynamic dimension. */
export interface TensorSpec {
  name: string;
  datatype: Datatype;
  shape: number[];
}

export interface ModelSignature {
  inputs: TensorSpec[];
  outputs: TensorSpec[];
}

export type TensorData = number[] | boolean[] | string[];

/**
 * Tensor data as typed arrays, the form onnxruntime takes without copying: FP16 is a Uint16Array
 * of raw half-precision bits (what an onnxruntime 'float16' tensor holds), BOOL a Uint8Array of
 * 0/1, INT64/UINT64 BigInt64Array/BigUint64Array, BYTES stays string[].
 */
export type TypedTensorData =
  | Float32Array
  | Float64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | BigInt64Array
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | BigUint64Array
  | string[];

export type AnyTensorData = TensorData | TypedTensorData;

/** The numeric typed arrays among TypedTensorData (all but BYTES' string[]). */
export type TypedArray = Exclude<TypedTensorData, string[]>;

/** Whether tensor data is a typed array rather than a JSON-form (or string) array. */
export function isTypedArray(data: unknown): data is TypedArray {
  return ArrayBuffer.isView(data) && !(data instanceof DataView);
}

export interface InferInputTensor {
  name: string;
  datatype: Datatype;
  shape: number[];
  /**
   * Row-major. JSON requests give (possibly nested) arrays; binary and base64 requests give typed
   * arrays of the datatype's kind (see TypedTensorData), which travel to onnxruntime uncopied.
   */
  data: AnyTensorData;
  parameters?: Record<string, unknown>;
}

export interface InferRequestedOutput {
  name: string;
  parameters?: Record<string, unknown>;
}

export interface InferRequest {
  id?: string;
  parameters?: Record<string, unknown>;
  inputs: InferInputTensor[];
  outputs?: InferRequestedOutput[];
}

export interface InferOutputTensor {
  name: string;
  datatype: Datatype;
  shape: number[];
  data: TensorData;
}

export interface InferResponse {
  model_name: string;
  model_version?: string;
  id?: string;
  parameters?: Record<string, unknown>;
  outputs: InferOutputTensor[];
}

export interface ModelMetadataResponse {
  name: string;
  versions: string[];
  platform: string;
  inputs: TensorSpec[];
  outputs: TensorSpec[];
}

export interface ServerMetadataResponse {
  name: string;
  version: string;
  extensions: string[];
}

/** Timings a runner reports for one request, in `parameters` of the response. */
export interface InferTimings {
  queue_ms: number;
  compute_ms: number;
}
