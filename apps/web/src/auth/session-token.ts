/**
 * The next-auth session token: what it holds and the cookie it travels in. The api decodes this
 * cookie with next-auth/jwt `decode` and the shared AUTH_SECRET, so both sides must agree on the
 * claims (`sub` = user id, `email`, `name`) and the cookie names.
 */
import type { JWT } from 'next-auth/jwt';
import { encode } from 'next-auth/jwt';
import { SESSION_COOKIE_NAMES } from '@/lib/api-forwarding';
import { localIdOf } from '@/lib/global-id';

/** next-auth's default session lifetime: 30 days. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export interface SessionUser {
  /** The database id, what the api looks the session's user up by. */
  id: string;
  email: string;
  name: string | null;
}

/**
 * The session user for a `User` of the api's GraphQL answers, whose `id` is a Relay global id
 * (`base64("User:<database id>")`): the session carries the database id inside it.
 */
export function sessionUserOf(user: {
  id: string;
  email: string;
  name: string | null;
}): SessionUser {
  return { id: localIdOf(user.id, 'User') ?? user.id, email: user.email, name: user.name };
}

/** The claims of a session for this user. */
export function sessionClaims(user: SessionUser): JWT {
  return { sub: user.id, email: user.email, name: user.name };
}

/** `__Secure-next-auth.session-token` over https, `next-auth.session-token` otherwise (next-auth's names). */
export function sessionCookieName(secure: boolean): string {
  return secure ? SESSION_COOKIE_NAMES[1] : SESSION_COOKIE_NAMES[0];
}

/** The options next-auth itself sets on its session cookie. */
export function sessionCookieOptions(secure: boolean) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    path: '/',
    secure,
    maxAge: SESSION_MAX_AGE_SECONDS,
  };
}

/** The encrypted session JWT (JWE, A256GCM) exactly as next-auth writes it. */
export async function encodeSessionToken(user: SessionUser, secret: string): Promise<string> {
  return encode({ token: sessionClaims(user), secret, maxAge: SESSION_MAX_AGE_SECONDS });
}
