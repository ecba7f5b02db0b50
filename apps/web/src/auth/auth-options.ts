/**
 * next-auth (v4) configuration: password sign-in through the api's `signInWithPassword`, JWT
 * sessions encrypted with AUTH_SECRET (the api decodes the same cookie), and GitHub / Google only
 * when their credentials are configured.
 */
import type { AuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import GitHubProvider from 'next-auth/providers/github';
import GoogleProvider from 'next-auth/providers/google';
import { env, type Env } from '@/env';
import { clientOriginHeaders } from '@/lib/api-forwarding';
import { graphqlClient, withHeaders, type GraphqlClient } from '@/lib/graphql-client';
import { signInWithOAuth, signInWithPassword } from '@/lib/mutations/account';
import { oauthAssertion, oauthProfileClaim } from './oauth-assertion';
import { signInErrorCode } from './sign-in-error';
import {
  SESSION_MAX_AGE_SECONDS,
  sessionClaims,
  sessionUserOf,
  type SessionUser,
} from './session-token';

export type AuthConfig = Pick<Env, 'AUTH_SECRET' | 'SECURE_COOKIES' | 'GITHUB' | 'GOOGLE'>;

export class AuthConfigError extends Error {
  override readonly name = 'AuthConfigError';
  readonly code = 'AUTH_SECRET_MISSING';
  constructor() {
    super(
      'AUTH_SECRET is not set: sign-in is disabled. Set it (at least 32 characters, the same value as the api) and restart the portal.',
    );
  }
}

export interface OAuthProviderInfo {
  id: 'github' | 'google';
  name: string;
}

/** The OAuth providers this deployment offers: only those whose id and secret are both set. */
export function configuredOAuthProviders(
  config: Pick<AuthConfig, 'GITHUB' | 'GOOGLE'>,
): OAuthProviderInfo[] {
  const providers: OAuthProviderInfo[] = [];
  if (config.GITHUB) providers.push({ id: 'github', name: 'GitHub' });
  if (config.GOOGLE) providers.push({ id: 'google', name: 'Google' });
  return providers;
}

/**
 * The `authorize` of the Credentials provider: the api checks the password. A failure becomes an
 * Error whose message is a sign-in error code; next-auth forwards it to /signin?error=<code>.
 */
export async function authorizeWithPassword(
  credentials: Record<string, string> | undefined,
  client: GraphqlClient,
): Promise<SessionUser> {
  const email = credentials?.email?.trim() ?? '';
  const password = credentials?.password ?? '';
  if (!email || !password) throw new Error('BAD_USER_INPUT');
  try {
    return sessionUserOf(await signInWithPassword({ email, password }, client));
  } catch (error) {
    throw new Error(signInErrorCode(error));
  }
}

export function createAuthOptions(config: AuthConfig, client: GraphqlClient): AuthOptions {
  const secret = config.AUTH_SECRET;
  if (!secret) throw new AuthConfigError();
  const providers: AuthOptions['providers'] = [
    CredentialsProvider({
      id: 'credentials',
      name: 'Email and password',
      credentials: {
        email: { label: 'Email', type: 'email' },
        password: { label: 'Password', type: 'password' },
      },
      authorize: (credentials, request) => {
        const headers = (request.headers ?? {}) as Record<string, unknown>;
        const origin = clientOriginHeaders({
          get: (name) => (typeof headers[name] === 'string' ? headers[name] : null),
        });
        return authorizeWithPassword(credentials, withHeaders(client, origin));
      },
    }),
  ];
  if (config.GITHUB) providers.push(GitHubProvider(config.GITHUB));
  if (config.GOOGLE) providers.push(GoogleProvider(config.GOOGLE));

  return {
    secret,
    providers,
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    useSecureCookies: config.SECURE_COOKIES,
    pages: { signIn: '/signin', error: '/signin' },
    callbacks: {
      async jwt({ token, user, account, profile }) {
        // `user` is present only on the sign-in that creates the token.
        if (!user) return token;
        if (account?.type === 'oauth') {
          // The provider's id is not a Modelhub user: the api finds, links or creates one.
          const claim = oauthProfileClaim(account.provider, account.providerAccountId, {
            email: user.email ?? null,
            name: user.name ?? null,
            ...(profile as { email_verified?: boolean } | undefined),
          });
          if (!claim) throw new Error('OAuthAccountNotLinked');
          const apiUser = await signInWithOAuth(await oauthAssertion(claim, secret), client);
          return { ...token, ...sessionClaims(sessionUserOf(apiUser)) };
        }
        return {
          ...token,
          ...sessionClaims({ id: user.id, email: user.email ?? '', name: user.name ?? null }),
        };
      },
      session({ session, token }) {
        return {
          ...session,
          user: { id: token.sub ?? '', email: token.email ?? '', name: token.name ?? null },
        };
      },
    },
    // next-auth's default logger prints error metadata; ours prints the code and message only.
    logger: {
      error(code, metadata) {
        const error = metadata instanceof Error ? metadata : metadata.error;
        const message = error instanceof Error ? error.message : '';
        console.error(`[next-auth] ${code}${message ? `: ${message}` : ''}`);
      },
      warn(code) {
        console.warn(`[next-auth] ${code}`);
      },
      debug() {},
    },
  };
}

let cached: AuthOptions | undefined;

/** This deployment's next-auth options. Throws AuthConfigError when AUTH_SECRET is not set. */
export function getAuthOptions(): AuthOptions {
  cached ??= createAuthOptions(env, graphqlClient);
  return cached;
}

/** This deployment's AUTH_SECRET. Throws AuthConfigError when it is not set. */
export function requireAuthSecret(): string {
  if (!env.AUTH_SECRET) throw new AuthConfigError();
  return env.AUTH_SECRET;
}
