import { describe, expect, it } from 'vitest';
import { ApiError, ApiErrorCode } from '@/lib/api-error';
import { signInErrorCode, signInErrorMessage } from '@/auth/sign-in-error';

const endpoint = 'http://api.test/graphql';
const apiError = (code: string, status: number, retryAfterSeconds?: number) =>
  new ApiError(ApiErrorCode.HttpError, 'x', {
    endpoint,
    status,
    graphqlErrors: [{ message: 'x', code }],
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  });

describe('sign-in error codes', () => {
  it('turns api failures into URL-safe codes', () => {
    expect(signInErrorCode(apiError('UNAUTHENTICATED', 401))).toBe('UNAUTHENTICATED');
    expect(signInErrorCode(apiError('RATE_LIMITED', 429, 42))).toBe('RATE_LIMITED_42');
    expect(signInErrorCode(apiError('RATE_LIMITED', 429))).toBe('RATE_LIMITED');
    expect(signInErrorCode(apiError('BAD_USER_INPUT', 400))).toBe('BAD_USER_INPUT');
    expect(signInErrorCode(new ApiError(ApiErrorCode.Unreachable, 'x', { endpoint }))).toBe(
      'API_UNREACHABLE',
    );
    expect(signInErrorCode(new Error('boom'))).toBe('SIGN_IN_FAILED');
    for (const code of ['RATE_LIMITED_42', 'UNAUTHENTICATED']) {
      expect(encodeURIComponent(code)).toBe(code);
    }
  });

  it('says what each code means on the sign-in page', () => {
    expect(signInErrorMessage('UNAUTHENTICATED')).toBe('Wrong email or password');
    expect(signInErrorMessage('CredentialsSignin')).toBe('Wrong email or password');
    expect(signInErrorMessage('RATE_LIMITED_42')).toBe('Too many attempts, try again in 42 s');
    expect(signInErrorMessage('RATE_LIMITED')).toBe('Too many attempts, try again in a moment');
    expect(signInErrorMessage('SessionExpired')).toMatch(/session has ended/);
    expect(signInErrorMessage('<script>')).toBe('Could not sign you in. Try again.');
    expect(signInErrorMessage(undefined)).toBeUndefined();
  });
});
