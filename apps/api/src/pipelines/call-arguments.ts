// Checks of the arguments every pipeline operation shares, at the edge (GraphQL and HTTP alike).
import { AppError } from '../app-error.ts';

const IDEMPOTENCY_KEY = /^[\w.:-]{1,255}$/;

/** The same rule as `predict`'s, so a key means the same thing on every operation. */
export function checkIdempotencyKey(key: string | null | undefined): string | null {
  if (key === null || key === undefined) return null;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new AppError(
      'BAD_USER_INPUT',
      'idempotencyKey must be 1-255 characters of letters, digits, ".", ":", "_" or "-"',
      { field: 'idempotencyKey' },
    );
  }
  return key;
}

export const DEFAULT_TOP_K = 5;
export const MAX_TOP_K = 1000;

export function checkTopK(topK: number | null | undefined): number {
  if (topK === null || topK === undefined) return DEFAULT_TOP_K;
  if (!Number.isInteger(topK) || topK < 1 || topK > MAX_TOP_K) {
    throw new AppError('BAD_USER_INPUT', `topK must be an integer from 1 to ${MAX_TOP_K}`, {
      field: 'topK',
    });
  }
  return topK;
}
