/**
 * The facts the /docs page states about the api: error codes and limits. The portal cannot import
 * the api's code (separate app), so they are written down here and `api-reference.test.ts` checks
 * them against the api's sources, so the page cannot drift silently.
 */

export interface ErrorCodeDoc {
  code: string;
  /** The HTTP status of the plain routes (and of GraphQL where it is sent at the transport level). */
  httpStatus: number;
  meaning: string;
}

export const ERROR_CODES: readonly ErrorCodeDoc[] = [
  {
    code: 'BAD_USER_INPUT',
    httpStatus: 400,
    meaning:
      'An input is wrong (shape, dtype, value); `extensions.field` names it when one input is at fault.',
  },
  {
    code: 'QUERY_TOO_COMPLEX',
    httpStatus: 400,
    meaning: 'The GraphQL document is deeper, costlier or longer than the limits below.',
  },
  { code: 'UNAUTHENTICATED', httpStatus: 401, meaning: 'No valid API key or session.' },
  {
    code: 'PAYMENT_REQUIRED',
    httpStatus: 402,
    meaning: 'The organization has no credit left (prepaid). Add credit on the billing page.',
  },
  {
    code: 'SPEND_LIMIT_EXCEEDED',
    httpStatus: 402,
    meaning: 'The API key reached its monthly spend limit.',
  },
  {
    code: 'FORBIDDEN',
    httpStatus: 403,
    meaning: 'The key’s scopes or the member’s role do not allow this.',
  },
  {
    code: 'NOT_FOUND',
    httpStatus: 404,
    meaning: 'No such thing, or it belongs to another organization (never revealed).',
  },
  { code: 'CONFLICT', httpStatus: 409, meaning: 'It already exists or changed meanwhile.' },
  {
    code: 'PAYLOAD_TOO_LARGE',
    httpStatus: 413,
    meaning: 'The request body or upload is larger than allowed.',
  },
  {
    code: 'RATE_LIMITED',
    httpStatus: 429,
    meaning: 'Too many requests this minute; wait for `Retry-After` seconds.',
  },
  {
    code: 'RESOURCE_EXHAUSTED',
    httpStatus: 429,
    meaning: 'The runners are saturated; retry with backoff.',
  },
  {
    code: 'INTERNAL_SERVER_ERROR',
    httpStatus: 500,
    meaning: 'A fault on our side; details are only in the server log.',
  },
  {
    code: 'SERVICE_UNAVAILABLE',
    httpStatus: 503,
    meaning: 'A needed part is off or down (no live runner, payments not configured).',
  },
  {
    code: 'GATEWAY_TIMEOUT',
    httpStatus: 504,
    meaning: 'The runner did not answer within the deadline.',
  },
];

/** Per GraphQL document; above any of them the api answers QUERY_TOO_COMPLEX. */
export const QUERY_LIMITS = {
  maxDepth: 12,
  maxCost: 5_000,
  maxAliases: 15,
  maxDirectives: 50,
  maxTokens: 5_000,
} as const;

/** The api's defaults; an operator may change them (API_* environment variables). */
export const DEFAULT_LIMITS = {
  rateLimitPerMinute: 600,
  maxBodyBytes: 32 * 1024 * 1024,
  maxUploadBytes: 512 * 1024 * 1024,
  runnerTimeoutMs: 30_000,
} as const;
