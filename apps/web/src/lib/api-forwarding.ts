/**
 * What the portal forwards to the api on behalf of the person it serves: the next-auth session
 * cookie (the api decodes the JWT with the shared AUTH_SECRET) and the chosen organization. Only
 * those: other cookies of the portal (CSRF, callback URL) are none of the api's business.
 */
import { isValidSlug } from '@/lib/slug';

/** next-auth's session cookie, plain over http and `__Secure-` prefixed over https. */
export const SESSION_COOKIE_NAMES = [
  'next-auth.session-token',
  '__Secure-next-auth.session-token',
] as const;

/** The organization switcher's cookie: the slug of the organization the portal acts in. */
export const ORGANIZATION_COOKIE = 'mh_org';

/** The api reads the current organization from this header (a member's org, else FORBIDDEN). */
export const ORGANIZATION_HEADER = 'x-modelhub-organization';

export interface CookieEntry {
  name: string;
  value: string;
}

const SESSION_COOKIE_PATTERN = /^(?:__Secure-)?next-auth\.session-token(?:\.\d+)?$/;

/**
 * Whether a cookie is (part of) the session: next-auth splits a token longer than a cookie can
 * hold into `<name>.0`, `<name>.1`, …, and those chunks must travel together.
 */
export function isSessionCookieName(name: string): boolean {
  return SESSION_COOKIE_PATTERN.test(name);
}

/** `a=1; b=2` -> entries; malformed parts are skipped, values are kept as sent. */
export function parseCookieHeader(header: string | null | undefined): CookieEntry[] {
  if (!header) return [];
  const entries: CookieEntry[] = [];
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    if (name) entries.push({ name, value: part.slice(index + 1).trim() });
  }
  return entries;
}

/** The organization slug the portal should act in, or undefined when none (or a bad one) is set. */
export function organizationFromCookies(cookies: Iterable<CookieEntry>): string | undefined {
  for (const { name, value } of cookies) {
    if (name !== ORGANIZATION_COOKIE) continue;
    let slug: string;
    try {
      slug = decodeURIComponent(value);
    } catch {
      return undefined;
    }
    return isValidSlug(slug) ? slug : undefined;
  }
  return undefined;
}

/**
 * The headers of an api request made for the person whose cookies these are: a `Cookie` header
 * holding only the session cookie(s), and `x-modelhub-organization` from `mh_org`. The
 * organization is a choice among the signed-in person's memberships, so it is sent only together
 * with a session.
 */
export function apiForwardHeaders(cookies: Iterable<CookieEntry>): Record<string, string> {
  const list = [...cookies];
  const session = list.filter((cookie) => isSessionCookieName(cookie.name));
  if (session.length === 0) return {};
  const headers: Record<string, string> = {
    cookie: session.map(({ name, value }) => `${name}=${value}`).join('; '),
  };
  const organization = organizationFromCookies(list);
  if (organization) headers[ORGANIZATION_HEADER] = organization;
  return headers;
}

/** Longest User-Agent passed on; the api only records it (new-device audit entries). */
const MAX_USER_AGENT_LENGTH = 512;

/**
 * Who is really calling, for the api's audit log and new-device checks: the browser's
 * `X-Forwarded-For` chain (Next adds the socket address when no proxy did) and `User-Agent`.
 * Without them every request would look like it came from the portal's own server.
 */
export function clientOriginHeaders(incoming: {
  get(name: string): string | null;
}): Record<string, string> {
  const headers: Record<string, string> = {};
  const forwardedFor = incoming.get('x-forwarded-for')?.trim();
  if (forwardedFor) headers['x-forwarded-for'] = forwardedFor;
  const userAgent = incoming.get('user-agent')?.trim();
  if (userAgent) headers['user-agent'] = userAgent.slice(0, MAX_USER_AGENT_LENGTH);
  return headers;
}
