// The SDK's typed errors: one class per `extensions.code` the api answers with, plus the
// failures that happen on the client's side of the wire (connection, timeout, a body that is not
// the api's). Callers branch with `instanceof` or on `code`.

/** The HTTP status the api assigns each error code (its /v2 routes answer with these). */
export const API_ERROR_STATUS = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  PAYMENT_REQUIRED: 402,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  RESOURCE_EXHAUSTED: 429,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
  GATEWAY_TIMEOUT: 504,
} as const;

export type ApiErrorCode = keyof typeof API_ERROR_STATUS;

/** Codes raised by the SDK itself, without an answer from the api. */
export type ClientErrorCode =
  'CONNECTION_FAILED' | 'REQUEST_TIMEOUT' | 'INVALID_RESPONSE' | 'INVALID_CONFIGURATION';

export interface ModelhubErrorDetails {
  /** the input field at fault (`extensions.field`), e.g. `input.name` or `inputs[0].shape` */
  field?: string | undefined;
  /** seconds to wait before retrying, from `Retry-After` or `extensions.retryAfterSeconds` */
  retryAfterSeconds?: number | undefined;
  /** the status of the HTTP response that carried the error, when there was one */
  responseStatus?: number | undefined;
  /** the response's `extensions`, as sent */
  extensions?: Record<string, unknown> | undefined;
  /** where in the GraphQL result the error arose */
  path?: readonly (string | number)[] | undefined;
  cause?: unknown;
}

export class ModelhubError extends Error {
  /** `extensions.code` of the api, or a ClientErrorCode */
  readonly code: string;
  readonly field: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  /**
   * The HTTP status of this error: the one the api assigns its code (GraphQL answers most errors
   * with 200, so this is not always the response's), else the response's own status.
   */
  readonly httpStatus: number | undefined;
  readonly responseStatus: number | undefined;
  readonly extensions: Readonly<Record<string, unknown>>;
  readonly path: readonly (string | number)[] | undefined;

  constructor(code: string, message: string, details: ModelhubErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.code = code;
    this.field = details.field;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.responseStatus = details.responseStatus;
    this.httpStatus =
      code in API_ERROR_STATUS ? API_ERROR_STATUS[code as ApiErrorCode] : details.responseStatus;
    this.extensions = details.extensions ?? {};
    this.path = details.path;
  }
}

/** The request was refused as invalid; `field` names the culprit when the api knows it. */
export class BadUserInputError extends ModelhubError {
  constructor(message: string, details?: ModelhubErrorDetails) {
    super('BAD_USER_INPUT', message, details);
  }
}

/** No valid API key or session: missing, malformed, revoked, expired. */
export class UnauthenticatedError extends ModelhubError {
  constructor(message: string, details?: ModelhubErrorDetails) {
    super('UNAUTHENTICATED', message, details);
  }
}

/** Authenticated, but not allowed: a key's scopes, a member's role, another organization. */
export class ForbiddenError extends ModelhubError {
  constructor(message: string, details?: ModelhubErrorDetails) {
    super('FORBIDDEN', message, details);
  }
}

export class NotFoundError extends ModelhubError {
  constructor(message: string, details?: ModelhubErrorDetails) {
    super('NOT_FOUND', message, details);
  }
}

export class ConflictError extends ModelhubError {
  constructor(message: string, details?: ModelhubErrorDetails) {
    super('CONFLICT', message, details);
  }
}

/** The organization's credit or a key's spend limit does not cover the call. */
export class PaymentRequiredError extends ModelhubError {
  constructor(message: string, details?: ModelhubErrorDetails) {
    super('PAYMENT_REQUIRED', message, details);
  }
}

/** Too many requests for the key or user; retried automatically, after `retryAfterSeconds`. */
export class RateLimitedError extends ModelhubError {
  constructor(message: string, details?: ModelhubErrorDetails) {
    super('RATE_LIMITED', message, details);
  }
}

/** The model's queue is full; retried automatically. */
export class ResourceExhaustedError extends ModelhubError {
  constructor(message: string, details?: ModelhubErrorDetails) {
    super('RESOURCE_EXHAUSTED', message, details);
  }
}

/** No runner can serve the model right now, or the api is overloaded; retried automatically. */
export class ServiceUnavailableError extends ModelhubError {
  constructor(message: string, details?: ModelhubErrorDetails) {
    super('SERVICE_UNAVAILABLE', message, details);
  }
}

/** The runner did not answer within the api's deadline. */
export class GatewayTimeoutError extends ModelhubError {
  constructor(message: string, details?: ModelhubErrorDetails) {
    super('GATEWAY_TIMEOUT', message, details);
  }
}

export class PayloadTooLargeError extends ModelhubError {
  constructor(message: string, details?: ModelhubErrorDetails) {
    super('PAYLOAD_TOO_LARGE', message, details);
  }
}

/** An unexpected failure in the api; its detail stays in the api's log. */
export class InternalServerError extends ModelhubError {
  constructor(message: string, details?: ModelhubErrorDetails) {
    super('INTERNAL_SERVER_ERROR', message, details);
  }
}

/** The api could not be reached, or the connection broke before an answer. */
export class ConnectionError extends ModelhubError {
  constructor(message: string, details?: ModelhubErrorDetails) {
    super('CONNECTION_FAILED', message, details);
  }
}

/** No answer within `timeoutMs`. */
export class RequestTimeoutError extends ModelhubError {
  constructor(message: string, details?: ModelhubErrorDetails) {
    super('REQUEST_TIMEOUT', message, details);
  }
}

/** An answer that is not a GraphQL response (e.g. a proxy's HTML error page). */
export class InvalidResponseError extends ModelhubError {
  constructor(message: string, details?: ModelhubErrorDetails) {
    super('INVALID_RESPONSE', message, details);
  }
}

/** The options given to `new Modelhub(...)` cannot work. */
export class ConfigurationError extends ModelhubError {
  constructor(message: string, details?: ModelhubErrorDetails) {
    super('INVALID_CONFIGURATION', message, details);
  }
}

type ApiErrorClass = new (message: string, details?: ModelhubErrorDetails) => ModelhubError;

const CLASS_OF_CODE: Record<ApiErrorCode, ApiErrorClass> = {
  BAD_USER_INPUT: BadUserInputError,
  UNAUTHENTICATED: UnauthenticatedError,
  PAYMENT_REQUIRED: PaymentRequiredError,
  FORBIDDEN: ForbiddenError,
  NOT_FOUND: NotFoundError,
  CONFLICT: ConflictError,
  PAYLOAD_TOO_LARGE: PayloadTooLargeError,
  RATE_LIMITED: RateLimitedError,
  RESOURCE_EXHAUSTED: ResourceExhaustedError,
  INTERNAL_SERVER_ERROR: InternalServerError,
  SERVICE_UNAVAILABLE: ServiceUnavailableError,
  GATEWAY_TIMEOUT: GatewayTimeoutError,
};

/**
 * The typed error for an api code; codes this SDK does not know (e.g. Apollo's
 * GRAPHQL_VALIDATION_FAILED) become a plain ModelhubError that keeps the code.
 */
export function errorForCode(
  code: string,
  message: string,
  details: ModelhubErrorDetails = {},
): ModelhubError {
  const known = Object.hasOwn(CLASS_OF_CODE, code) ? CLASS_OF_CODE[code as ApiErrorCode] : null;
  return known ? new known(message, details) : new ModelhubError(code, message, details);
}

/** The code for an HTTP error status that came without a GraphQL error in its body. */
export function codeForStatus(status: number): ApiErrorCode | null {
  switch (status) {
    case 400:
      return 'BAD_USER_INPUT';
    case 401:
      return 'UNAUTHENTICATED';
    case 402:
      return 'PAYMENT_REQUIRED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'CONFLICT';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 429:
      return 'RATE_LIMITED';
    case 503:
      return 'SERVICE_UNAVAILABLE';
    case 504:
      return 'GATEWAY_TIMEOUT';
    default:
      return status >= 500 ? 'INTERNAL_SERVER_ERROR' : null;
  }
}
