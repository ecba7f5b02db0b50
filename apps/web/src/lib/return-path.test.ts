import { describe, expect, it } from 'vitest';
import { returnPathFromReferer, safeReturnPath, signInPath } from '@/lib/return-path';

describe('safeReturnPath', () => {
  it('keeps paths of the portal', () => {
    expect(safeReturnPath('/settings/api-keys?after=abc#list')).toBe(
      '/settings/api-keys?after=abc#list',
    );
    expect(safeReturnPath('/')).toBe('/');
  });

  it('refuses anything that would leave the site', () => {
    for (const bad of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      'javascript:alert(1)',
      'settings',
      '/x\r\nSet-Cookie: a=1',
      '',
      undefined,
      null,
    ]) {
      expect(safeReturnPath(bad), String(bad)).toBe('/');
    }
    expect(safeReturnPath('//evil.example', { fallback: '/settings' })).toBe('/settings');
  });

  it('reduces an absolute URL of the portal itself to its path', () => {
    const origin = 'http://127.0.0.1:3000';
    expect(safeReturnPath('http://127.0.0.1:3000/settings?x=1', { origin })).toBe('/settings?x=1');
    expect(safeReturnPath('http://127.0.0.1:3001/settings', { origin })).toBe('/');
    expect(safeReturnPath('https://evil.example/settings', { origin })).toBe('/');
  });
});

describe('signInPath', () => {
  it('carries the way back and an optional error code', () => {
    expect(signInPath('/invitations/accept?token=t 1')).toBe(
      '/signin?callbackUrl=%2Finvitations%2Faccept%3Ftoken%3Dt+1',
    );
    expect(signInPath('//evil', 'SessionExpired')).toBe(
      '/signin?callbackUrl=%2F&error=SessionExpired',
    );
  });
});

describe('returnPathFromReferer', () => {
  it('returns the path (no query) of a same-host referer only', () => {
    expect(
      returnPathFromReferer('http://portal.test/settings/api-keys?revoke=1', 'portal.test'),
    ).toBe('/settings/api-keys');
    expect(returnPathFromReferer('http://evil.test/settings', 'portal.test')).toBeUndefined();
    expect(returnPathFromReferer('not a url', 'portal.test')).toBeUndefined();
    expect(returnPathFromReferer(null, 'portal.test')).toBeUndefined();
  });
});
