import { decode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { parseCookieHeader, isSessionCookieName } from '@/lib/api-forwarding';
import {
  encodeSessionToken,
  SESSION_MAX_AGE_SECONDS,
  sessionCookieName,
  sessionCookieOptions,
  sessionUserOf,
} from '@/auth/session-token';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const user = { id: 'user_1', email: 'ada@example.com', name: 'Ada' };

describe('session token', () => {
  it('is what the api decodes: next-auth/jwt decode with the shared secret gives sub, email, name', async () => {
    const token = await encodeSessionToken(user, SECRET);
    const claims = await decode({ token, secret: SECRET });
    expect(claims).toMatchObject({ sub: 'user_1', email: 'ada@example.com', name: 'Ada' });
    const now = Math.floor(Date.now() / 1000);
    expect(Number(claims?.exp) - now).toBeGreaterThan(SESSION_MAX_AGE_SECONDS - 60);
    expect(token.split('.')).toHaveLength(5); // JWE compact serialization: encrypted, not just signed
    expect(token).not.toContain('ada@example.com');
  });

  it('carries the database id of the api’s Relay global user id', () => {
    const globalId = Buffer.from('User:cmwsis09900002w7dwamjbegn').toString('base64');
    expect(sessionUserOf({ id: globalId, email: 'ada@example.com', name: null })).toEqual({
      id: 'cmwsis09900002w7dwamjbegn',
      email: 'ada@example.com',
      name: null,
    });
  });

  it('does not decode with another secret', async () => {
    const token = await encodeSessionToken(user, SECRET);
    await expect(
      decode({ token, secret: 'another-secret-of-at-least-32-characters' }),
    ).rejects.toThrow();
  });

  it('uses next-auth’s cookie names, both forwarded to the api', () => {
    expect(sessionCookieName(false)).toBe('next-auth.session-token');
    expect(sessionCookieName(true)).toBe('__Secure-next-auth.session-token');
    expect(isSessionCookieName(sessionCookieName(false))).toBe(true);
    expect(isSessionCookieName(sessionCookieName(true))).toBe(true);
    expect(sessionCookieOptions(true)).toEqual({
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: true,
      maxAge: SESSION_MAX_AGE_SECONDS,
    });
    expect(parseCookieHeader(`${sessionCookieName(false)}=v`)).toEqual([
      { name: 'next-auth.session-token', value: 'v' },
    ]);
  });
});
