// When and how long to wait before retrying: exponential backoff with jitter, or the server's
// Retry-After when it gives one. Pure functions of their inputs, so tests drive them with a fake
// clock and random source.

export interface BackoffOptions {
  /** the first retry waits between half of this and all of it; each further retry doubles it */
  baseDelayMs?: number;
  /** the cap of the exponential backoff */
  maxDelayMs?: number;
  /**
   * The longest Retry-After the client waits for. A longer one is not waited out: the error is
   * thrown at once with `retryAfterSeconds`, for the caller to decide.
   */
  maxRetryAfterMs?: number;
  /** how to wait; tests pass a recorder instead of real timers */
  sleep?: (ms: number) => Promise<void>;
  /** milliseconds since the epoch, to read HTTP-date Retry-After values */
  now?: () => number;
  /** a number in [0, 1), for the jitter */
  random?: () => number;
}

export type RetryPolicy = Required<BackoffOptions>;

export const DEFAULT_BACKOFF = {
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
} as const;

export function retryPolicy(options: BackoffOptions = {}): RetryPolicy {
  return {
    baseDelayMs: options.baseDelayMs ?? DEFAULT_BACKOFF.baseDelayMs,
    maxDelayMs: options.maxDelayMs ?? DEFAULT_BACKOFF.maxDelayMs,
    maxRetryAfterMs: options.maxRetryAfterMs ?? DEFAULT_BACKOFF.maxRetryAfterMs,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
  };
}

/**
 * "Equal jitter": half the exponential step is fixed, half random, so retries of many clients
 * spread out without any of them retrying at once.
 */
export function backoffDelayMs(retry: number, policy: RetryPolicy): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.round(step / 2 + policy.random() * (step / 2));
}

/**
 * The wait before retry number `retry` (0 for the first): never shorter than the server's
 * Retry-After; null when that is longer than the policy waits for.
 */
export function retryDelayMs(
  retry: number,
  retryAfterMs: number | undefined,
  policy: RetryPolicy,
): number | null {
  if (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs) return null;
  return Math.max(retryAfterMs ?? 0, backoffDelayMs(retry, policy));
}

/** A Retry-After header (delay-seconds or an HTTP-date) in milliseconds from `nowMs`. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
