import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/env';

describe('env', () => {
  it('has defaults that work on a fresh machine', () => {
    expect(parseEnv({})).toEqual({
      API_URL: 'http://localhost:4000',
      API_PUBLIC_URL: 'http://localhost:4000',
      API_TIMEOUT_MS: 10_000,
    });
  });

  it('treats empty variables as unset and trims trailing slashes', () => {
    expect(
      parseEnv({ API_URL: 'http://api:4000/', API_PUBLIC_URL: '', API_TIMEOUT_MS: '' }),
    ).toEqual({
      API_URL: 'http://api:4000',
      API_PUBLIC_URL: 'http://api:4000',
      API_TIMEOUT_MS: 10_000,
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
  });
});
