import { describe, expect, it } from 'vitest';
import {
  apiForwardHeaders,
  clientOriginHeaders,
  isSessionCookieName,
  organizationFromCookies,
  parseCookieHeader,
} from '@/lib/api-forwarding';

const JWT = 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..iv.cipher.tag';

describe('parseCookieHeader', () => {
  it('splits a Cookie header into entries and keeps values as sent', () => {
    expect(parseCookieHeader(`a=1; next-auth.session-token=${JWT};  mh_org=acme `)).toEqual([
      { name: 'a', value: '1' },
      { name: 'next-auth.session-token', value: JWT },
      { name: 'mh_org', value: 'acme' },
    ]);
  });

  it('keeps "=" inside values and skips malformed parts', () => {
    expect(parseCookieHeader('x=a=b; junk; =nameless; ; y=')).toEqual([
      { name: 'x', value: 'a=b' },
      { name: 'y', value: '' },
    ]);
    expect(parseCookieHeader(null)).toEqual([]);
    expect(parseCookieHeader('')).toEqual([]);
  });
});

describe('isSessionCookieName', () => {
  it('knows both of next-auth names and their chunks', () => {
    expect(isSessionCookieName('next-auth.session-token')).toBe(true);
    expect(isSessionCookieName('__Secure-next-auth.session-token')).toBe(true);
    expect(isSessionCookieName('next-auth.session-token.0')).toBe(true);
    expect(isSessionCookieName('__Secure-next-auth.session-token.12')).toBe(true);
  });

  it('rejects the other next-auth cookies and look-alikes', () => {
    expect(isSessionCookieName('next-auth.csrf-token')).toBe(false);
    expect(isSessionCookieName('next-auth.callback-url')).toBe(false);
    expect(isSessionCookieName('__Host-next-auth.csrf-token')).toBe(false);
    expect(isSessionCookieName('next-auth.session-tokenX')).toBe(false);
    expect(isSessionCookieName('xnext-auth.session-token')).toBe(false);
    expect(isSessionCookieName('next-auth.session-token.a')).toBe(false);
  });
});

describe('organizationFromCookies', () => {
  it('reads a valid slug, URL-decoded', () => {
    expect(organizationFromCookies([{ name: 'mh_org', value: 'acme-labs' }])).toBe('acme-labs');
    expect(organizationFromCookies([{ name: 'mh_org', value: 'acme%2Elabs' }])).toBe('acme.labs');
  });

  it('ignores a value that is not a slug, so it never reaches a header', () => {
    expect(organizationFromCookies([{ name: 'mh_org', value: 'a b' }])).toBeUndefined();
    expect(organizationFromCookies([{ name: 'mh_org', value: 'x%0d%0aEvil: 1' }])).toBeUndefined();
    expect(organizationFromCookies([{ name: 'mh_org', value: '%E0%A4%A' }])).toBeUndefined();
    expect(organizationFromCookies([{ name: 'mh_org', value: '' }])).toBeUndefined();
    expect(organizationFromCookies([])).toBeUndefined();
  });
});

describe('apiForwardHeaders', () => {
  it('forwards only the session cookie and the organization', () => {
    const headers = apiForwardHeaders(
      parseCookieHeader(
        `next-auth.csrf-token=abc%7Cdef; next-auth.session-token=${JWT}; theme=dark; mh_org=acme`,
      ),
    );
    expect(headers).toEqual({
      cookie: `next-auth.session-token=${JWT}`,
      'x-modelhub-organization': 'acme',
    });
  });

  it('keeps every chunk of a split session token, in order', () => {
    const headers = apiForwardHeaders([
      { name: '__Secure-next-auth.session-token.0', value: 'part0' },
      { name: 'other', value: 'x' },
      { name: '__Secure-next-auth.session-token.1', value: 'part1' },
    ]);
    expect(headers).toEqual({
      cookie: '__Secure-next-auth.session-token.0=part0; __Secure-next-auth.session-token.1=part1',
    });
  });

  it('sends nothing for a visitor without a session or organization', () => {
    expect(apiForwardHeaders(parseCookieHeader('theme=dark'))).toEqual({});
  });

  it('sends no organization without a session (a signed-out visitor has none)', () => {
    expect(apiForwardHeaders([{ name: 'mh_org', value: 'acme' }])).toEqual({});
  });
});

describe('clientOriginHeaders', () => {
  it('passes on the client address chain and user agent, nothing else', () => {
    const incoming = new Headers({
      'x-forwarded-for': '203.0.113.7, 10.0.0.2',
      'user-agent': 'Mozilla/5.0 (X11; Linux x86_64)',
      cookie: 'next-auth.session-token=x',
      authorization: 'Bearer mh_secret',
    });
    expect(clientOriginHeaders(incoming)).toEqual({
      'x-forwarded-for': '203.0.113.7, 10.0.0.2',
      'user-agent': 'Mozilla/5.0 (X11; Linux x86_64)',
    });
  });

  it('shortens an absurd user agent and leaves out missing values', () => {
    const headers = clientOriginHeaders(new Headers({ 'user-agent': 'x'.repeat(5000) }));
    expect(headers['user-agent']).toHaveLength(512);
    expect(headers['x-forwarded-for']).toBeUndefined();
    expect(clientOriginHeaders(new Headers())).toEqual({});
  });
});
