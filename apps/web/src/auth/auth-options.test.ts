import type { Account, Session, User } from 'next-auth';
import type { JWT } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import {
  AuthConfigError,
  authorizeWithPassword,
  configuredOAuthProviders,
  createAuthOptions,
  type AuthConfig,
} from '@/auth/auth-options';
import { createGraphqlClient } from '@/lib/graphql-client';

const CONFIG: AuthConfig = {
  AUTH_SECRET: 'a-test-secret-of-at-least-32-characters!',
  SECURE_COOKIES: false,
  GITHUB: undefined,
  GOOGLE: undefined,
};

function apiAnswering(respond: () => Response) {
  const bodies: { query: string; variables: Record<string, unknown> }[] = [];
  const client = createGraphqlClient({
    endpoint: 'http://api.test/graphql',
    timeoutMs: 1000,
    fetch: async (_url, init) => {
      bodies.push(JSON.parse(init?.body as string));
      return respond();
    },
  });
  return { client, bodies };
}

// the api answers with Relay global ids: base64("User:user_1")
const USER_GLOBAL_ID = Buffer.from('User:user_1').toString('base64');

const signedIn = () =>
  Response.json({
    data: {
      signInWithPassword: {
        user: { id: USER_GLOBAL_ID, email: 'ada@example.com', name: 'Ada', emailVerified: true },
      },
    },
  });

describe('next-auth options', () => {
  it('refuses to exist without AUTH_SECRET', () => {
    expect(() =>
      createAuthOptions({ ...CONFIG, AUTH_SECRET: undefined }, apiAnswering(signedIn).client),
    ).toThrow(AuthConfigError);
  });

  it('uses JWT sessions, the shared secret and the portal’s own pages', () => {
    const options = createAuthOptions(CONFIG, apiAnswering(signedIn).client);
    expect(options.session?.strategy).toBe('jwt');
    expect(options.secret).toBe(CONFIG.AUTH_SECRET);
    expect(options.pages).toEqual({ signIn: '/signin', error: '/signin' });
    expect(options.useSecureCookies).toBe(false);
  });

  it('offers GitHub and Google only when configured', () => {
    const client = apiAnswering(signedIn).client;
    expect(createAuthOptions(CONFIG, client).providers.map((p) => p.id)).toEqual(['credentials']);
    const both = {
      ...CONFIG,
      GITHUB: { clientId: 'gh', clientSecret: 'ghs' },
      GOOGLE: { clientId: 'go', clientSecret: 'gos' },
    };
    expect(createAuthOptions(both, client).providers.map((p) => p.id)).toEqual([
      'credentials',
      'github',
      'google',
    ]);
    expect(configuredOAuthProviders(both)).toEqual([
      { id: 'github', name: 'GitHub' },
      { id: 'google', name: 'Google' },
    ]);
    expect(configuredOAuthProviders(CONFIG)).toEqual([]);
  });

  it('puts sub = user id, email and name in the token, and the id in the session', async () => {
    const options = createAuthOptions(CONFIG, apiAnswering(signedIn).client);
    const user = { id: 'user_1', email: 'ada@example.com', name: 'Ada' } as User;
    const token = (await options.callbacks!.jwt!({
      token: { sub: 'ignored' },
      user,
      account: {
        provider: 'credentials',
        type: 'credentials',
        providerAccountId: 'user_1',
      } as Account,
    })) as JWT;
    expect(token).toMatchObject({ sub: 'user_1', email: 'ada@example.com', name: 'Ada' });

    // later requests: no user, the token stays as it is
    expect(
      await options.callbacks!.jwt!({ token, user: undefined as unknown as User, account: null }),
    ).toBe(token);

    const session = (await options.callbacks!.session!({
      session: { expires: '2099-01-01T00:00:00Z', user: {} } as Session,
      token,
    } as Parameters<NonNullable<NonNullable<typeof options.callbacks>['session']>>[0])) as Session;
    expect(session.user).toEqual({ id: 'user_1', email: 'ada@example.com', name: 'Ada' });
  });
});

describe('authorizeWithPassword (the Credentials provider)', () => {
  it('asks the api’s signInWithPassword and returns the user with its database id', async () => {
    const { client, bodies } = apiAnswering(signedIn);
    await expect(
      authorizeWithPassword({ email: ' ada@example.com ', password: ' pass phrase ' }, client),
    ).resolves.toEqual({ id: 'user_1', email: 'ada@example.com', name: 'Ada' });
    expect(bodies[0]!.query).toContain('signInWithPassword(input: $input)');
    expect(bodies[0]!.variables).toEqual({
      input: { email: 'ada@example.com', password: ' pass phrase ' },
    });
  });

  it('fails with a code next-auth carries to /signin?error=', async () => {
    const wrong = apiAnswering(() =>
      Response.json(
        {
          errors: [{ message: 'wrong email or password', extensions: { code: 'UNAUTHENTICATED' } }],
        },
        { status: 401 },
      ),
    );
    await expect(
      authorizeWithPassword({ email: 'a@b.co', password: 'x' }, wrong.client),
    ).rejects.toThrow(/^UNAUTHENTICATED$/);

    const limited = apiAnswering(() =>
      Response.json(
        { errors: [{ message: 'too many attempts', extensions: { code: 'RATE_LIMITED' } }] },
        { status: 429, headers: { 'retry-after': '17' } },
      ),
    );
    await expect(
      authorizeWithPassword({ email: 'a@b.co', password: 'x' }, limited.client),
    ).rejects.toThrow(/^RATE_LIMITED_17$/);
  });

  it('does not call the api without an email and a password', async () => {
    const { client, bodies } = apiAnswering(signedIn);
    await expect(authorizeWithPassword({ email: '', password: 'x' }, client)).rejects.toThrow(
      'BAD_USER_INPUT',
    );
    await expect(authorizeWithPassword(undefined, client)).rejects.toThrow('BAD_USER_INPUT');
    expect(bodies).toEqual([]);
  });
});
