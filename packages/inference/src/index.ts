export * from './v2-types.ts';
export {
  InferenceError,
  INFERENCE_ERROR_STATUS,
  isInferenceErrorCode,
  type InferenceErrorCode,
} from './inference-error.ts';
export { parseInferRequest, inferRequestSchema } from './infer-request-schema.ts';
export {
  validateInferInputs,
  flattenTensorData,
  elementCount,
  formatSpec,
  formatSignature,
  DEFAULT_TENSOR_LIMITS,
  DEFAULT_INPUT_POLICY,
  type TensorLimits,
  type InputPolicy,
} from './tensor-validation.ts';
export {
  parseRuntimeConfig,
  runtimeConfigSchema,
  RuntimeConfigError,
  MAX_MODEL_INSTANCES,
  MAX_LABELS,
  PINNED_MODEL_REF_PATTERN,
  type RuntimeConfig,
  type ImagePreprocessing,
  type PipelineConfig,
  type OcrPipelineConfig,
} from './runtime-config.ts';
export {
  RunnerClient,
  isConnectionFailure,
  type InferResult,
  type RunnerCallOptions,
} from './runner-client.ts';
export { runnerModelName, parseRunnerModelName } from './model-name.ts';
export {
  DynamicBatcher,
  type BatcherOptions,
  type BatchInfo,
  type BatchRequest,
  type BatchExecutor,
  type SubmitOptions,
} from './dynamic-batcher.ts';
export {
  batchKey,
  batchRows,
  concatInputs,
  splitOutputs,
  type BatchableTensor,
} from './tensor-batching.ts';
export {
  INFERENCE_HEADER_CONTENT_LENGTH,
  parseInferenceHeaderLength,
  decodeInferRequestBody,
  decodeInferResponseBody,
  encodeInferRequestBody,
  encodeInferResponseBody,
  wantsBinaryOutputs,
  toJsonTensorData,
  toJsonTensors,
  type TypedOutputTensor,
  type BinaryDecodeOptions,
  EncodedBody,
  type TypedInferRequest,
  type TypedInferResponse,
  type WithTypedData,
} from './binary-tensor-codec.ts';
export {
  decodeTensorBase64,
  encodeTensorBase64,
  encodeTensorBase64Slices,
  type Base64Slices,
} from './tensor-base64.ts';
export { BINARY_ELEMENT_SIZE, type TypedTensorData, type AnyTensorData } from './tensor-bytes.ts';
export { halfToFloat, floatToHalf } from './float16.ts';
