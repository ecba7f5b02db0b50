/**
 * Where to send someone after signing in or switching organization: only a path on this portal.
 * `//evil.example`, `/\evil.example` and foreign absolute URLs would leave the site (an open
 * redirect); an absolute URL of the portal itself (`origin`) is reduced to its path.
 */
export function safeReturnPath(
  value: string | null | undefined,
  { fallback = '/', origin }: { fallback?: string; origin?: string } = {},
): string {
  if (!value || value.length > 2000) return fallback;
  let path = value;
  if (origin && /^https?:\/\//i.test(value)) {
    try {
      const url = new URL(value);
      if (url.origin !== new URL(origin).origin) return fallback;
      path = `${url.pathname}${url.search}${url.hash}`;
    } catch {
      return fallback;
    }
  }
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return fallback;
  if ([...path].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) {
    return fallback;
  }
  return path;
}

/** `/signin?callbackUrl=…` for coming back to `returnTo` after signing in. */
export function signInPath(returnTo: string, error?: string): string {
  const params = new URLSearchParams({ callbackUrl: safeReturnPath(returnTo) });
  if (error) params.set('error', error);
  return `/signin?${params.toString()}`;
}

/**
 * The path (without query: cursors and ids in it may belong to another organization) of a
 * same-host `Referer`, for returning to the page a form was posted from.
 */
export function returnPathFromReferer(
  referer: string | null | undefined,
  host: string | null | undefined,
): string | undefined {
  if (!referer || !host) return undefined;
  try {
    const url = new URL(referer);
    if (url.host !== host) return undefined;
    return safeReturnPath(url.pathname, { fallback: '' }) || undefined;
  } catch {
    return undefined;
  }
}
