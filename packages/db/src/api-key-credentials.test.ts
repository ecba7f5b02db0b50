import { describe, expect, it } from 'vitest';
import { apiKeyMatches, apiKeyPrefix, generateApiKey, hashApiKey } from './api-key-credentials.ts';

describe('API key credentials', () => {
  it('generates distinct keys whose prefix and hash identify them', () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a.key).not.toBe(b.key);
    expect(a.key).toMatch(/^mh_[0-9A-Za-z]{10}_[0-9A-Za-z]{32}$/);
    expect(apiKeyPrefix(a.key)).toBe(a.prefix);
    expect(a.secretHash).toBe(hashApiKey(a.key));
    expect(apiKeyMatches(a.key, a.secretHash)).toBe(true);
    expect(apiKeyMatches(b.key, a.secretHash)).toBe(false);
  });

  it.each([
    '',
    'mh_',
    'Bearer x',
    'mh_short_secret',
    `sk_${'a'.repeat(10)}_${'b'.repeat(32)}`,
    `mh_${'a'.repeat(10)}_${'b'.repeat(31)}!`,
  ])('rejects the malformed key %j', (key) => {
    expect(apiKeyPrefix(key)).toBeNull();
  });
});
