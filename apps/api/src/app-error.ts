// The api's typed errors: a stable `extensions.code` on every GraphQL error, and one HTTP
// status per code for the plain HTTP routes.
import { GraphQLError } from 'graphql';
import { Prisma } from '@modelhub/db';
import { BillingError, type BillingErrorCode } from '@modelhub/billing';
import { InferenceError, type InferenceErrorCode } from '@modelhub/inference';
import { RegistryError, type RegistryErrorCode } from '@modelhub/registry';

export const APP_ERROR_STATUS = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  PAYMENT_REQUIRED: 402,
  SPEND_LIMIT_EXCEEDED: 402,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RESOURCE_EXHAUSTED: 429,
  RATE_LIMITED: 429,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
  GATEWAY_TIMEOUT: 504,
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_STATUS;

export class AppError extends GraphQLError {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    // `http` sets the status when the error ends a request before execution (e.g. a bad key
    // while building the context); Apollo strips it from the response body.
    super(message, { extensions: { code, ...details, ...httpExtension(code, details) } });
    this.name = 'AppError';
  }

  get httpStatus(): number {
    return APP_ERROR_STATUS[this.code];
  }
}

/** Codes whose GraphQL responses carry their HTTP status (and Retry-After) too. */
function httpExtension(code: AppErrorCode, details: Record<string, unknown>) {
  if (code === 'UNAUTHENTICATED') return { http: { status: 401 } };
  if (code === 'RATE_LIMITED') {
    const retryAfter = details.retryAfterSeconds;
    const headers = new Map<string, string>();
    if (typeof retryAfter === 'number') headers.set('retry-after', String(retryAfter));
    return { http: { status: 429, headers } };
  }
  return {};
}

const FROM_INFERENCE: Record<InferenceErrorCode, AppErrorCode> = {
  INVALID_ARGUMENT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  RESOURCE_EXHAUSTED: 'RESOURCE_EXHAUSTED',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
  UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  DEADLINE_EXCEEDED: 'GATEWAY_TIMEOUT',
};

const FROM_REGISTRY: Record<RegistryErrorCode, AppErrorCode> = {
  INVALID_INPUT: 'BAD_USER_INPUT',
  INVALID_SEMVER: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  VERSION_YANKED: 'NOT_FOUND',
  SLUG_TAKEN: 'CONFLICT',
  DUPLICATE_VERSION: 'CONFLICT',
  IMMUTABLE_VERSION: 'CONFLICT',
  INVALID_TRANSITION: 'CONFLICT',
  PRICE_REQUIRED: 'BAD_USER_INPUT',
  TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  INVALID_ONNX: 'BAD_USER_INPUT',
  UNSUPPORTED_OPSET: 'BAD_USER_INPUT',
  EXTERNAL_DATA: 'BAD_USER_INPUT',
  INVALID_SHAPE: 'BAD_USER_INPUT',
  VALIDATION_TIMEOUT: 'BAD_USER_INPUT',
  VALIDATION_MEMORY_LIMIT: 'BAD_USER_INPUT',
};

const FROM_BILLING: Record<BillingErrorCode, AppErrorCode> = {
  PAYMENT_REQUIRED: 'PAYMENT_REQUIRED',
  SPEND_LIMIT_EXCEEDED: 'SPEND_LIMIT_EXCEEDED',
  INVALID_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  INVALID_STATE: 'CONFLICT',
  INVALID_SIGNATURE: 'BAD_USER_INPUT',
  WEBHOOK_MISMATCH: 'BAD_USER_INPUT',
  STRIPE_NOT_CONFIGURED: 'SERVICE_UNAVAILABLE',
  STRIPE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  STRIPE_REJECTED: 'SERVICE_UNAVAILABLE',
};

/**
 * The AppError for an error from the inference layer, the registry or billing, or for a database that is saturated (no
 * connection or transaction slot in time); anything else is passed through.
 */
export function toAppError(error: unknown): unknown {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2028') {
    return new AppError('SERVICE_UNAVAILABLE', 'the service is overloaded; retry shortly');
  }
  if (error instanceof BillingError) {
    return new AppError(FROM_BILLING[error.code], error.message, {
      reason: error.code,
      ...error.details,
    });
  }
  if (error instanceof RegistryError) {
    // `reason` keeps the registry's precise code (e.g. EXTERNAL_DATA) next to the general one.
    return new AppError(FROM_REGISTRY[error.code], error.message, {
      reason: error.code,
      ...error.details,
    });
  }
  if (error instanceof InferenceError) {
    const { connectionFailed: _hidden, runner: _runner, ...details } = error.details;
    return new AppError(
      FROM_INFERENCE[error.code],
      error.message.replace(/runner \S+ /, 'runner '),
      details,
    );
  }
  return error;
}
