/**
 * Writing the portal's own cookies from Server Actions: the session cookie (next-auth's name and
 * attributes) and the organization choice `mh_org`.
 */
import type { cookies } from 'next/headers';
import { env } from '@/env';
import { isSessionCookieName, ORGANIZATION_COOKIE } from '@/lib/api-forwarding';
import { isValidSlug } from '@/lib/slug';
import { sessionCookieName, sessionCookieOptions } from './session-token';

export type CookieStore = Awaited<ReturnType<typeof cookies>>;

/** A year: the choice outlives sessions; the api re-checks membership on every request. */
const ORGANIZATION_COOKIE_MAX_AGE = 365 * 24 * 60 * 60;

/** Deletes a cookie with the attributes it was set with (a `__Secure-` one needs `secure`). */
export function clearCookie(store: CookieStore, name: string): void {
  if (!store.has(name)) return;
  store.set(name, '', {
    path: '/',
    maxAge: 0,
    httpOnly: true,
    sameSite: 'lax',
    secure: name.startsWith('__Secure-') || env.SECURE_COOKIES,
  });
}

export function setSessionCookie(store: CookieStore, token: string): void {
  store.set(sessionCookieName(env.SECURE_COOKIES), token, sessionCookieOptions(env.SECURE_COOKIES));
}

/** Forgets the session (every chunk of it) and the organization choice. */
export function clearSessionCookies(store: CookieStore): void {
  for (const { name } of store.getAll()) {
    if (isSessionCookieName(name)) clearCookie(store, name);
  }
  clearCookie(store, ORGANIZATION_COOKIE);
}

export function setOrganizationCookie(store: CookieStore, slug: string): void {
  if (!isValidSlug(slug)) return;
  store.set(ORGANIZATION_COOKIE, slug, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: env.SECURE_COOKIES,
    maxAge: ORGANIZATION_COOKIE_MAX_AGE,
  });
}
