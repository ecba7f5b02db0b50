// The one error type of platform evaluation; `code` says what was wrong. Nothing is stored when
// one is thrown.

export type EvaluationErrorCode =
  /** the call's own arguments (dataset name, both or neither of samples and datasetPath, ...) */
  | 'INVALID_ARGUMENT'
  | 'VERSION_NOT_FOUND'
  | 'DATASET_NOT_FOUND'
  | 'EMPTY_DATASET'
  | 'DATASET_TOO_LARGE'
  /** not JSON, not a sample object, non-finite numbers, labels and texts mixed, ... */
  | 'INVALID_DATASET'
  /** a sample's input names differ from the model's */
  | 'INPUT_MISMATCH'
  /** a sample's tensor does not fit the model's input shape */
  | 'SHAPE_MISMATCH'
  | 'LABEL_OUT_OF_RANGE'
  /** the model cannot be evaluated this way (non-FP32 inputs, output not per-class, ...) */
  | 'UNSUPPORTED_MODEL'
  /** a text dataset without a way to turn the model's outputs into text */
  | 'TEXT_DECODER_MISSING'
  /** onnxruntime rejected a batch, or the stored artifact could not be loaded */
  | 'MODEL_FAILED';

export class EvaluationError extends Error {
  override readonly name = 'EvaluationError';
  constructor(
    readonly code: EvaluationErrorCode,
    message: string,
  ) {
    super(message);
  }
}
