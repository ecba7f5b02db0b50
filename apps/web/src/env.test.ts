import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/env';

const SECRET = 'x'.repeat(32);

describe('env', () => {
  it('has defaults that work on a fresh machine', () => {
    expect(parseEnv({})).toEqual({
      API_URL: 'http://localhost:4000',
      API_PUBLIC_URL: 'http://localhost:4000',
      API_TIMEOUT_MS: 10_000,
      AUTH_SECRET: undefined,
      NEXTAUTH_URL: 'http://localhost:3000',
      SECURE_COOKIES: false,
      GITHUB: undefined,
      GOOGLE: undefined,
    });
  });

  it('treats empty variables as unset and trims trailing slashes', () => {
    expect(
      parseEnv({
        API_URL: 'http://api:4000/',
        API_PUBLIC_URL: '',
        API_TIMEOUT_MS: '',
        AUTH_SECRET: '',
        NEXTAUTH_URL: 'http://portal:3000/',
        GITHUB_ID: '',
        GITHUB_SECRET: '',
      }),
    ).toMatchObject({
      API_URL: 'http://api:4000',
      API_PUBLIC_URL: 'http://api:4000',
      API_TIMEOUT_MS: 10_000,
      AUTH_SECRET: undefined,
      NEXTAUTH_URL: 'http://portal:3000',
      GITHUB: undefined,
    });
  });

  it('keeps a separate public URL', () => {
    expect(parseEnv({ API_PUBLIC_URL: 'https://api.modelhub.example' }).API_PUBLIC_URL).toBe(
      'https://api.modelhub.example',
    );
  });

  it('rejects invalid values with the variable name', () => {
    expect(() => parseEnv({ API_URL: 'localhost:4000' })).toThrow(/API_URL/);
    expect(() => parseEnv({ API_TIMEOUT_MS: '-5' })).toThrow(/API_TIMEOUT_MS/);
    expect(() => parseEnv({ NEXTAUTH_URL: 'portal' })).toThrow(/NEXTAUTH_URL/);
  });

  it('accepts a long enough AUTH_SECRET and never echoes a short one', () => {
    expect(parseEnv({ AUTH_SECRET: SECRET }).AUTH_SECRET).toBe(SECRET);
    const error = (() => {
      try {
        parseEnv({ AUTH_SECRET: 'hunter2-too-short' });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toMatch(/at least 32 characters[\s\S]*at AUTH_SECRET/);
    expect(error?.message).not.toContain('hunter2');
  });

  it('uses secure cookies when the portal is served over https', () => {
    expect(parseEnv({ NEXTAUTH_URL: 'https://modelhub.example' }).SECURE_COOKIES).toBe(true);
    expect(parseEnv({ NEXTAUTH_URL: 'http://127.0.0.1:3000' }).SECURE_COOKIES).toBe(false);
  });

  it('configures an OAuth provider only when both of its variables are set', () => {
    const env = parseEnv({ GITHUB_ID: 'gh-id', GITHUB_SECRET: 'gh-secret' });
    expect(env.GITHUB).toEqual({ clientId: 'gh-id', clientSecret: 'gh-secret' });
    expect(env.GOOGLE).toBeUndefined();
    expect(() => parseEnv({ GITHUB_ID: 'gh-id' })).toThrow(
      /GITHUB_ID and GITHUB_SECRET must be set together[\s\S]*at GITHUB_SECRET/,
    );
    expect(() => parseEnv({ GOOGLE_CLIENT_SECRET: 's' })).toThrow(/GOOGLE_CLIENT_ID/);
  });
});
