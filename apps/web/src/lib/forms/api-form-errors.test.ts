import { describe, expect, it } from 'vitest';
import { ApiError, ApiErrorCode, type GraphqlErrorItem } from '@/lib/api-error';
import { apiFormErrors, formStateFromError, rateLimitMessage } from '@/lib/forms/api-form-errors';

const endpoint = 'http://api.test/graphql';

function graphqlError(items: GraphqlErrorItem[], status = 200, retryAfterSeconds?: number) {
  return new ApiError(
    status === 200 ? ApiErrorCode.GraphqlError : ApiErrorCode.HttpError,
    'api error',
    {
      endpoint,
      status,
      graphqlErrors: items,
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    },
  );
}

const SIGN_IN = {
  fields: ['email', 'password'],
  messages: { UNAUTHENTICATED: 'Wrong email or password' },
};

describe('apiFormErrors', () => {
  it('puts a BAD_USER_INPUT with a field next to that field, in the api’s words', () => {
    const error = graphqlError([
      {
        message: 'password must be at least 10 characters',
        code: 'BAD_USER_INPUT',
        field: 'password',
      },
    ]);
    expect(apiFormErrors(error, { fields: ['email', 'password'] })).toEqual({
      formError: undefined,
      fieldErrors: { password: 'Password must be at least 10 characters' },
    });
  });

  it('reads `input.email` as the field `email`, and renames api fields the form calls otherwise', () => {
    expect(
      apiFormErrors(
        graphqlError([{ message: 'not an email', code: 'BAD_USER_INPUT', field: 'input.email' }]),
        { fields: ['email'] },
      ).fieldErrors,
    ).toEqual({ email: 'Not an email' });
    expect(
      apiFormErrors(
        graphqlError([
          { message: 'must be in the future', code: 'BAD_USER_INPUT', field: 'expiresAt' },
        ]),
        { fields: ['expiresOn'], fieldAliases: { expiresAt: 'expiresOn' } },
      ).fieldErrors,
    ).toEqual({ expiresOn: 'Must be in the future' });
  });

  it('shows an error about a field the form does not have at the top of the form', () => {
    const error = graphqlError([
      { message: 'token expired', code: 'BAD_USER_INPUT', field: 'token' },
    ]);
    expect(apiFormErrors(error, { fields: ['password'] })).toEqual({
      formError: 'Token expired',
      fieldErrors: {},
    });
  });

  it('says "Wrong email or password" for UNAUTHENTICATED on sign-in (HTTP 401)', () => {
    const error = graphqlError(
      [{ message: 'wrong email or password', code: 'UNAUTHENTICATED' }],
      401,
    );
    expect(apiFormErrors(error, SIGN_IN)).toEqual({
      formError: 'Wrong email or password',
      fieldErrors: {},
    });
  });

  it('says how long to wait when RATE_LIMITED', () => {
    const error = graphqlError([{ message: 'too many', code: 'RATE_LIMITED' }], 429, 30);
    expect(apiFormErrors(error, SIGN_IN).formError).toBe('Too many attempts, try again in 30 s');
    const noHeader = graphqlError([{ message: 'too many', code: 'RATE_LIMITED' }], 429);
    expect(apiFormErrors(noHeader, SIGN_IN).formError).toBe(
      'Too many attempts, try again in a moment',
    );
  });

  it('recognises a bare 429 or 401 without a GraphQL body', () => {
    const limited = new ApiError(ApiErrorCode.HttpError, 'HTTP 429', {
      endpoint,
      status: 429,
      retryAfterSeconds: 5,
    });
    expect(apiFormErrors(limited, SIGN_IN).formError).toBe('Too many attempts, try again in 5 s');
    const unauthenticated = new ApiError(ApiErrorCode.HttpError, 'HTTP 401', {
      endpoint,
      status: 401,
    });
    expect(apiFormErrors(unauthenticated, SIGN_IN).formError).toBe('Wrong email or password');
  });

  it('lets a form override a field error too (the override then speaks for the whole form)', () => {
    const error = graphqlError([
      { message: 'no such token', code: 'BAD_USER_INPUT', field: 'token' },
    ]);
    expect(
      apiFormErrors(error, {
        fields: ['token'],
        messages: { BAD_USER_INPUT: 'This link expired.' },
      }),
    ).toEqual({ formError: 'This link expired.', fieldErrors: {} });
  });

  it('keeps one message per field and joins distinct form messages', () => {
    const error = graphqlError([
      { message: 'taken', code: 'CONFLICT', field: 'slug' },
      { message: 'too long', code: 'BAD_USER_INPUT', field: 'slug' },
      { message: 'nope', code: 'FORBIDDEN' },
      { message: 'nope again', code: 'FORBIDDEN' },
    ]);
    expect(apiFormErrors(error, { fields: ['slug'] })).toEqual({
      formError: 'Your role in this organization does not allow this.',
      fieldErrors: { slug: 'Taken' },
    });
  });

  it('explains transport failures without blaming the person', () => {
    const unreachable = new ApiError(ApiErrorCode.Unreachable, 'down', { endpoint });
    expect(apiFormErrors(unreachable, SIGN_IN).formError).toMatch(/unreachable.*try again/i);
    const timeout = new ApiError(ApiErrorCode.Timeout, 'slow', { endpoint });
    expect(apiFormErrors(timeout, SIGN_IN).formError).toMatch(/did not answer in time/);
  });

  it('names the code of an unexpected api error', () => {
    const error = graphqlError([{ message: 'boom', code: 'INTERNAL_SERVER_ERROR' }]);
    expect(apiFormErrors(error, SIGN_IN).formError).toBe(
      'Something went wrong on our side (INTERNAL_SERVER_ERROR). Try again.',
    );
  });
});

describe('formStateFromError', () => {
  it('returns an error state that keeps the typed values', () => {
    const error = graphqlError([{ message: 'exists', code: 'CONFLICT', field: 'email' }]);
    expect(formStateFromError(error, { email: 'a@b.co' }, { fields: ['email'] })).toEqual({
      status: 'error',
      values: { email: 'a@b.co' },
      formError: undefined,
      fieldErrors: { email: 'Exists' },
    });
  });

  it('rethrows what is not an api error: a bug is not a form message', () => {
    const bug = new TypeError('x is undefined');
    expect(() => formStateFromError(bug, {}, { fields: [] })).toThrow(bug);
  });
});

describe('rateLimitMessage', () => {
  it('rounds up and never says 0 s', () => {
    expect(rateLimitMessage(0)).toBe('Too many attempts, try again in 1 s');
    expect(rateLimitMessage(2.2)).toBe('Too many attempts, try again in 3 s');
  });
});
