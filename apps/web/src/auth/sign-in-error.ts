/**
 * Sign-in failures as short URL-safe codes, and the sentence shown for each. next-auth carries a
 * failure of the Credentials provider (and of OAuth) to the sign-in page as `?error=<code>`, and
 * it puts that text into the URL without encoding it: hence codes, not sentences.
 */
import { ApiErrorCode, isApiError } from '@/lib/api-error';
import { rateLimitMessage } from '@/lib/forms/api-form-errors';

export const WRONG_CREDENTIALS_MESSAGE = 'Wrong email or password';

/** `RATE_LIMITED_30`, `UNAUTHENTICATED`, `API_UNREACHABLE`, … for an error of signInWithPassword. */
export function signInErrorCode(error: unknown): string {
  if (!isApiError(error)) return 'SIGN_IN_FAILED';
  if (error.code === ApiErrorCode.Unreachable || error.code === ApiErrorCode.Timeout)
    return error.code;
  if (error.hasGraphqlCode('RATE_LIMITED') || error.status === 429) {
    return error.retryAfterSeconds === undefined
      ? 'RATE_LIMITED'
      : `RATE_LIMITED_${Math.max(1, Math.ceil(error.retryAfterSeconds))}`;
  }
  if (error.hasGraphqlCode('UNAUTHENTICATED') || error.status === 401) return 'UNAUTHENTICATED';
  if (error.hasGraphqlCode('BAD_USER_INPUT')) return 'BAD_USER_INPUT';
  return 'SIGN_IN_FAILED';
}

const MESSAGES: Readonly<Record<string, string>> = {
  UNAUTHENTICATED: WRONG_CREDENTIALS_MESSAGE,
  // next-auth's own code when `authorize` returns null
  CredentialsSignin: WRONG_CREDENTIALS_MESSAGE,
  BAD_USER_INPUT: 'Enter a valid email address and your password.',
  API_UNREACHABLE: 'The Modelhub API is unreachable right now. Try again in a moment.',
  API_TIMEOUT: 'The Modelhub API did not answer in time. Try again in a moment.',
  SessionRequired: 'Sign in to see that page.',
  SessionExpired: 'Your session has ended. Sign in again.',
  OAuthSignin: 'Could not start signing in with that provider. Try again.',
  OAuthCallback: 'Signing in with that provider did not complete. Try again.',
  OAuthCreateAccount: 'Could not create an account with that provider.',
  OAuthAccountNotLinked: 'That email address already signs in another way; use that instead.',
  Callback: 'Signing in did not complete. Try again.',
  AccessDenied: 'Access denied.',
  Configuration: 'Sign-in is not configured correctly on this server.',
  AUTH_NOT_CONFIGURED: 'Sign-in is not configured on this server (AUTH_SECRET is not set).',
};

/** The sentence for a `?error=` code on the sign-in page; undefined when there is none. */
export function signInErrorMessage(code: string | undefined): string | undefined {
  if (!code) return undefined;
  const rateLimited = /^RATE_LIMITED(?:_(\d{1,6}))?$/.exec(code);
  if (rateLimited) return rateLimitMessage(rateLimited[1] ? Number(rateLimited[1]) : undefined);
  return MESSAGES[code] ?? 'Could not sign you in. Try again.';
}
