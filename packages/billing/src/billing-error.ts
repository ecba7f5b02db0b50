// Every refusal of the billing package is a BillingError with one of these codes, so the api can
// map it to a GraphQL `extensions.code` or an HTTP status without parsing messages.

export const BILLING_ERROR_CODES = [
  /** a prepaid organization's balance does not cover this call's charge */
  'PAYMENT_REQUIRED',
  /** this call would take the organization's or the API key's spend this month over its limit */
  'SPEND_LIMIT_EXCEEDED',
  /** a field of the input is malformed (amount, month, range, URL, page size, cursor, ...) */
  'INVALID_INPUT',
  /** no such organization, model version or row (another organization's look the same) */
  'NOT_FOUND',
  /** the operation does not apply to the row's current state (e.g. a draft version's price) */
  'INVALID_STATE',
  /** a webhook whose signature does not verify against the raw body and the webhook secret */
  'INVALID_SIGNATURE',
  /** a signed webhook whose Stripe objects contradict our records (customer, currency) */
  'WEBHOOK_MISMATCH',
  /** Stripe is not configured (ledger-only mode), or the webhook secret is missing */
  'STRIPE_NOT_CONFIGURED',
  /** Stripe could not be reached, timed out or answered 5xx: worth retrying later */
  'STRIPE_UNAVAILABLE',
  /** Stripe refused the request (4xx): retrying the same request will not help */
  'STRIPE_REJECTED',
] as const;

export type BillingErrorCode = (typeof BILLING_ERROR_CODES)[number];

export class BillingError extends Error {
  override readonly name = 'BillingError';
  constructor(
    readonly code: BillingErrorCode,
    message: string,
    /** machine-readable specifics; bigint amounts as decimal strings so they survive JSON */
    readonly details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The HTTP status each code stands for, for routes that answer outside GraphQL. */
export const BILLING_ERROR_STATUS: Record<BillingErrorCode, number> = {
  PAYMENT_REQUIRED: 402,
  SPEND_LIMIT_EXCEEDED: 402,
  INVALID_INPUT: 400,
  NOT_FOUND: 404,
  INVALID_STATE: 409,
  INVALID_SIGNATURE: 400,
  WEBHOOK_MISMATCH: 422,
  STRIPE_NOT_CONFIGURED: 503,
  STRIPE_UNAVAILABLE: 503,
  STRIPE_REJECTED: 502,
};

export function isBillingError(error: unknown, code?: BillingErrorCode): error is BillingError {
  return error instanceof BillingError && (code === undefined || error.code === code);
}
