// Typed errors shared by the runner and the api. Codes follow gRPC status names, which is what
// KServe v2 clients expect; each maps to one HTTP status.

export const INFERENCE_ERROR_STATUS = {
  INVALID_ARGUMENT: 400,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  RESOURCE_EXHAUSTED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  DEADLINE_EXCEEDED: 504,
} as const;

export type InferenceErrorCode = keyof typeof INFERENCE_ERROR_STATUS;

export class InferenceError extends Error {
  override readonly name = 'InferenceError';
  constructor(
    readonly code: InferenceErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  get httpStatus(): number {
    return INFERENCE_ERROR_STATUS[this.code];
  }

  /** The v2 error body (`error`), with our code and details alongside. */
  toJSON(): { error: string; code: InferenceErrorCode; details?: Record<string, unknown> } {
    return Object.keys(this.details).length
      ? { error: this.message, code: this.code, details: this.details }
      : { error: this.message, code: this.code };
  }
}

export function isInferenceErrorCode(value: unknown): value is InferenceErrorCode {
  return typeof value === 'string' && value in INFERENCE_ERROR_STATUS;
}
