/**
 * Organization and model slugs as they may appear in a URL, a cookie or a header. The api owns
 * the exact rules; this only keeps obviously foreign text out of those places.
 */
export const SLUG_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export function isValidSlug(value: string): boolean {
  return SLUG_PATTERN.test(value);
}
