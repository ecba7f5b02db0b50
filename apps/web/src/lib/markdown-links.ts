/**
 * How links in publisher-written Markdown (model cards) are rendered: external ones must not
 * pass ranking (`nofollow`) or a handle on our window (`noopener`) to a site we do not vouch for.
 */

/** Whether an href leaves the portal: an absolute http(s) URL or a protocol-relative one. */
export function isExternalHref(href: string | undefined): boolean {
  if (!href) return false;
  return /^(https?:)?\/\//i.test(href.trim());
}

/** The rel attribute of a card link; undefined for links inside the portal or the page. */
export function cardLinkRel(href: string | undefined): string | undefined {
  return isExternalHref(href) ? 'nofollow noopener noreferrer' : undefined;
}
