import { describe, expect, it } from 'vitest';
import { parseVersionNumber, pickLatestVersion } from './version-number.ts';

describe('parseVersionNumber', () => {
  it.each(['0.0.1', '1.2.3', '10.20.30', '2.0.0-rc.1', '1.0.0-alpha-beta.7'])('accepts %s', (v) => {
    expect(parseVersionNumber(v)).toBe(v);
  });

  it.each([
    ['', /not a semver version/],
    ['1', /not a semver version/],
    ['1.2', /not a semver version/],
    ['v1.2.3', /not a semver version/],
    [' 1.2.3', /not a semver version/],
    ['01.2.3', /not a semver version/],
    ['1.2.3.4', /not a semver version/],
    ['latest', /not a semver version/],
    ['1.2.3+build.5', /build metadata/],
    [`1.0.0-${'a'.repeat(60)}`, /at most 64 characters/],
  ])('refuses %j', (v, message) => {
    expect(() => parseVersionNumber(v)).toThrow(message);
    expect(() => parseVersionNumber(v)).toThrow(
      expect.objectContaining({ code: 'INVALID_SEMVER' }),
    );
  });
});

describe('pickLatestVersion', () => {
  const at = (version: string, day: number) => ({
    version,
    publishedAt: new Date(Date.UTC(2026, 0, day)),
  });

  it('orders by semver precedence, not by string or publication date', () => {
    const latest = pickLatestVersion([at('1.10.0', 1), at('1.9.0', 5), at('1.2.0', 9)]);
    expect(latest?.version).toBe('1.10.0');
  });

  it('prefers any release over a higher prerelease', () => {
    expect(pickLatestVersion([at('2.0.0-rc.1', 9), at('1.0.0', 1)])?.version).toBe('1.0.0');
  });

  it('takes the highest prerelease when there is no release', () => {
    const latest = pickLatestVersion([
      at('2.0.0-rc.2', 1),
      at('2.0.0-rc.10', 2),
      at('1.0.0-beta', 3),
    ]);
    expect(latest?.version).toBe('2.0.0-rc.10');
  });

  it('ranks versions that are not semver below all others, newest first', () => {
    expect(pickLatestVersion([at('legacy', 9), at('0.1.0', 1)])?.version).toBe('0.1.0');
    expect(pickLatestVersion([at('old', 1), at('newer', 2)])?.version).toBe('newer');
    expect(pickLatestVersion([])).toBeNull();
  });
});
