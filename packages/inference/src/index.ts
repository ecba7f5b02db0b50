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
  type TensorLimits,
} from './tensor-validation.ts';
export { RunnerClient, isConnectionFailure, type RunnerCallOptions } from './runner-client.ts';
export { runnerModelName, parseRunnerModelName } from './model-name.ts';
