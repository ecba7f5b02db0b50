import { describe, expect, it } from 'vitest';
import { linkify } from '@/lib/linkify';

describe('linkify', () => {
  it('turns the links of an email into link segments, keeping the text around them', () => {
    const text =
      'Welcome!\nVerify your email: http://localhost:3000/verify-email?token=abc_DEF-123.\nThanks';
    expect(linkify(text)).toEqual([
      { kind: 'text', text: 'Welcome!\nVerify your email: ' },
      {
        kind: 'link',
        text: 'http://localhost:3000/verify-email?token=abc_DEF-123',
        href: 'http://localhost:3000/verify-email?token=abc_DEF-123',
      },
      { kind: 'text', text: '.\nThanks' },
    ]);
  });

  it('finds several links and strips closing punctuation', () => {
    const segments = linkify('(see https://a.example/x), then https://b.example/y?z=1!');
    expect(segments.filter((s) => s.kind === 'link').map((s) => s.text)).toEqual([
      'https://a.example/x',
      'https://b.example/y?z=1',
    ]);
    expect(segments.map((s) => s.text).join('')).toBe(
      '(see https://a.example/x), then https://b.example/y?z=1!',
    );
  });

  it('never links other schemes', () => {
    expect(linkify('javascript:alert(1) data:text/html,x ftp://x')).toEqual([
      { kind: 'text', text: 'javascript:alert(1) data:text/html,x ftp://x' },
    ]);
    expect(linkify('')).toEqual([]);
  });
});
