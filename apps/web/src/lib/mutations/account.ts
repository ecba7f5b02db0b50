/** Account mutations: sign up, password sign-in, email verification and password reset. */
import { z } from 'zod';
import type { GraphqlClient } from '@/lib/graphql-client';
import { userSchema, type User } from '@/lib/identity-schemas';

const USER_FIELDS = /* GraphQL */ `
  fragment AccountUserFields on User {
    id
    email
    name
    emailVerified
  }
`;

export const SIGN_UP_MUTATION = /* GraphQL */ `
  ${USER_FIELDS}
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      user {
        ...AccountUserFields
      }
    }
  }
`;

export const SIGN_IN_WITH_PASSWORD_MUTATION = /* GraphQL */ `
  ${USER_FIELDS}
  mutation SignInWithPassword($input: SignInInput!) {
    signInWithPassword(input: $input) {
      user {
        ...AccountUserFields
      }
    }
  }
`;

export const SIGN_IN_WITH_OAUTH_MUTATION = /* GraphQL */ `
  ${USER_FIELDS}
  mutation SignInWithOAuth($assertion: String!) {
    signInWithOAuth(assertion: $assertion) {
      user {
        ...AccountUserFields
      }
    }
  }
`;

export const VERIFY_EMAIL_MUTATION = /* GraphQL */ `
  ${USER_FIELDS}
  mutation VerifyEmail($token: String!) {
    verifyEmail(token: $token) {
      user {
        ...AccountUserFields
      }
    }
  }
`;

export const REQUEST_PASSWORD_RESET_MUTATION = /* GraphQL */ `
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email) {
      ok
    }
  }
`;

export const RESET_PASSWORD_MUTATION = /* GraphQL */ `
  mutation ResetPassword($token: String!, $password: String!) {
    resetPassword(token: $token, password: $password) {
      ok
    }
  }
`;

const userPayload = (field: string) =>
  z.object({ [field]: z.object({ user: userSchema }) }).transform((data) => data[field]!.user);
const okPayload = (field: string) =>
  z.object({ [field]: z.object({ ok: z.boolean() }) }).transform((data) => data[field]!.ok);

export interface SignUpInput {
  email: string;
  password: string;
  name?: string | undefined;
}

/** Creates the account and its personal organization; the api emails a verification link. */
export async function signUp(input: SignUpInput, client: GraphqlClient): Promise<User> {
  return client.request(
    {
      query: SIGN_UP_MUTATION,
      operationName: 'SignUp',
      variables: {
        input: { email: input.email, password: input.password, name: input.name ?? null },
      },
    },
    userPayload('signUp'),
  );
}

/** Checks an email and password; UNAUTHENTICATED when wrong, RATE_LIMITED after many failures. */
export async function signInWithPassword(
  input: { email: string; password: string },
  client: GraphqlClient,
): Promise<User> {
  return client.request(
    {
      query: SIGN_IN_WITH_PASSWORD_MUTATION,
      operationName: 'SignInWithPassword',
      variables: { input: { email: input.email, password: input.password } },
    },
    userPayload('signInWithPassword'),
  );
}

export async function verifyEmail(token: string, client: GraphqlClient): Promise<User> {
  return client.request(
    { query: VERIFY_EMAIL_MUTATION, operationName: 'VerifyEmail', variables: { token } },
    userPayload('verifyEmail'),
  );
}

/** Always answers ok, whether or not the account exists (no account enumeration). */
export async function requestPasswordReset(email: string, client: GraphqlClient): Promise<boolean> {
  return client.request(
    {
      query: REQUEST_PASSWORD_RESET_MUTATION,
      operationName: 'RequestPasswordReset',
      variables: { email },
    },
    okPayload('requestPasswordReset'),
  );
}

export async function resetPassword(
  input: { token: string; password: string },
  client: GraphqlClient,
): Promise<boolean> {
  return client.request(
    {
      query: RESET_PASSWORD_MUTATION,
      operationName: 'ResetPassword',
      variables: { token: input.token, password: input.password },
    },
    okPayload('resetPassword'),
  );
}

/** Signs a GitHub or Google user in (or up) at the api with a portal-made assertion. */
export async function signInWithOAuth(assertion: string, client: GraphqlClient): Promise<User> {
  return client.request(
    {
      query: SIGN_IN_WITH_OAUTH_MUTATION,
      operationName: 'SignInWithOAuth',
      variables: { assertion },
    },
    userPayload('signInWithOAuth'),
  );
}
