import { describe, expect, it } from 'vitest';
import { cardLinkRel, isExternalHref } from './markdown-links';

describe('card links', () => {
  it('marks absolute and protocol-relative links as external, nofollow noopener', () => {
    for (const href of ['https://github.com/x', 'HTTP://a.b', '//cdn.example.com/x']) {
      expect(isExternalHref(href)).toBe(true);
      expect(cardLinkRel(href)).toBe('nofollow noopener noreferrer');
    }
  });

  it('leaves links inside the portal and the page alone', () => {
    for (const href of ['/docs', '#usage', 'models/x', undefined, '']) {
      expect(isExternalHref(href)).toBe(false);
      expect(cardLinkRel(href)).toBeUndefined();
    }
  });
});
