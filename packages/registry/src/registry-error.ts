// Every refusal of the registry is a RegistryError with one of these codes, so the API layer can
// map it to a GraphQL `extensions.code` or an HTTP status without parsing messages.

export const REGISTRY_ERROR_CODES = [
  /** a field of the input is malformed (slug, tags, price, runtime config, limits) */
  'INVALID_INPUT',
  /** the version is not a canonical semver `MAJOR.MINOR.PATCH[-PRERELEASE]` */
  'INVALID_SEMVER',
  /** no such model or version for this organization (another organization's look the same) */
  'NOT_FOUND',
  /** the version was yanked by its publisher; it can no longer be called */
  'VERSION_YANKED',
  'SLUG_TAKEN',
  'DUPLICATE_VERSION',
  /** the version is no longer a draft, so its artifact, signature and settings are frozen */
  'IMMUTABLE_VERSION',
  /** the status change is not allowed from the version's current status */
  'INVALID_TRANSITION',
  /** publishing needs a price, given then or set on the draft before */
  'PRICE_REQUIRED',
  /** the upload is larger than its limit */
  'TOO_LARGE',
  /** not an ONNX model, truncated, empty, or onnxruntime cannot load it */
  'INVALID_ONNX',
  'UNSUPPORTED_OPSET',
  /** a tensor keeps its data in a file outside the upload */
  'EXTERNAL_DATA',
  /** a declared input or output shape is impossible or absurdly large */
  'INVALID_SHAPE',
  'VALIDATION_TIMEOUT',
  'VALIDATION_MEMORY_LIMIT',
] as const;

export type RegistryErrorCode = (typeof REGISTRY_ERROR_CODES)[number];

export class RegistryError extends Error {
  override readonly name = 'RegistryError';
  constructor(
    readonly code: RegistryErrorCode,
    message: string,
    /** machine-readable specifics, e.g. `{ tensor, location }` for EXTERNAL_DATA */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** The HTTP status each code stands for, for routes that answer outside GraphQL. */
export const REGISTRY_ERROR_STATUS: Record<RegistryErrorCode, number> = {
  INVALID_INPUT: 400,
  INVALID_SEMVER: 400,
  NOT_FOUND: 404,
  VERSION_YANKED: 410,
  SLUG_TAKEN: 409,
  DUPLICATE_VERSION: 409,
  IMMUTABLE_VERSION: 409,
  INVALID_TRANSITION: 409,
  PRICE_REQUIRED: 422,
  TOO_LARGE: 413,
  INVALID_ONNX: 422,
  UNSUPPORTED_OPSET: 422,
  EXTERNAL_DATA: 422,
  INVALID_SHAPE: 422,
  VALIDATION_TIMEOUT: 422,
  VALIDATION_MEMORY_LIMIT: 422,
};

export function isRegistryError(error: unknown, code?: RegistryErrorCode): error is RegistryError {
  return error instanceof RegistryError && (code === undefined || error.code === code);
}
