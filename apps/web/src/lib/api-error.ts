/** Stable codes for everything that can go wrong between the portal and the Modelhub API. */
export const ApiErrorCode = {
  /** The API could not be reached at all (connection refused, DNS failure, reset). */
  Unreachable: 'API_UNREACHABLE',
  /** The API did not answer within API_TIMEOUT_MS. */
  Timeout: 'API_TIMEOUT',
  /** The API answered with a non-2xx HTTP status. */
  HttpError: 'API_HTTP_ERROR',
  /** The API answered 200 with GraphQL `errors`. */
  GraphqlError: 'API_GRAPHQL_ERROR',
  /** The API answered with something that is not the GraphQL response we asked for. */
  BadResponse: 'API_BAD_RESPONSE',
} as const;

export type ApiErrorCode = (typeof ApiErrorCode)[keyof typeof ApiErrorCode];

/** One entry of a GraphQL response's `errors`, reduced to what the portal uses. */
export interface GraphqlErrorItem {
  message: string;
  /** `extensions.code`, e.g. `UNAUTHENTICATED`, `BAD_USER_INPUT`. */
  code?: string;
  path?: readonly (string | number)[];
  /** `extensions.field`: the one input field at fault, on BAD_USER_INPUT and CONFLICT errors. */
  field?: string;
}

export interface ApiErrorOptions {
  /** The GraphQL endpoint that was called. */
  endpoint: string;
  /** HTTP status, when the API answered. */
  status?: number;
  graphqlErrors?: readonly GraphqlErrorItem[];
  /** From the `Retry-After` header of a rate-limited (429) answer. */
  retryAfterSeconds?: number;
  cause?: unknown;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ApiErrorCode;
  readonly endpoint: string;
  readonly status: number | undefined;
  readonly graphqlErrors: readonly GraphqlErrorItem[];
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ApiErrorCode, message: string, options: ApiErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.endpoint = options.endpoint;
    this.status = options.status;
    this.graphqlErrors = options.graphqlErrors ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** The `extensions.code` of the first GraphQL error, e.g. `UNAUTHENTICATED`. */
  get graphqlCode(): string | undefined {
    return this.graphqlErrors[0]?.code;
  }

  /** Whether any GraphQL error of the answer carries this `extensions.code`. */
  hasGraphqlCode(code: string): boolean {
    return this.graphqlErrors.some((e) => e.code === code);
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
