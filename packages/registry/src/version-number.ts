// Versions are canonical semver. Build metadata is refused: semver ignores it when ordering, so
// 1.0.0+a and 1.0.0+b could not be told apart by `org/model@1.0.0` or by "latest".
import semver from 'semver';
import { RegistryError } from './registry-error.ts';

const MAX_VERSION_LENGTH = 64;

/** The version if it is `MAJOR.MINOR.PATCH[-PRERELEASE]` exactly; INVALID_SEMVER otherwise. */
export function parseVersionNumber(version: string): string {
  if (typeof version !== 'string' || version.length > MAX_VERSION_LENGTH) {
    throw new RegistryError(
      'INVALID_SEMVER',
      `a version is a semver string of at most ${MAX_VERSION_LENGTH} characters`,
    );
  }
  const parsed = semver.parse(version);
  if (parsed?.build.length) {
    throw new RegistryError(
      'INVALID_SEMVER',
      `'${version}' has build metadata, which semver ignores in ordering; use a prerelease such as ${parsed.version}-build.1`,
    );
  }
  if (!parsed || parsed.version !== version) {
    throw new RegistryError(
      'INVALID_SEMVER',
      `'${version}' is not a semver version such as 1.0.0 or 2.1.0-rc.1`,
    );
  }
  return version;
}

/**
 * The version `org/model` means among the given published ones: the highest by semver
 * precedence, counting prereleases only when there is no release. Rows whose version is not
 * semver (written before versions were checked) rank below all others, newest first.
 */
export function pickLatestVersion<T extends { version: string; publishedAt: Date | null }>(
  versions: readonly T[],
): T | null {
  const valid = versions.filter((v) => semver.valid(v.version) !== null);
  const releases = valid.filter((v) => semver.prerelease(v.version) === null);
  const pool = releases.length > 0 ? releases : valid;
  if (pool.length > 0) return [...pool].sort((a, b) => semver.rcompare(a.version, b.version))[0]!;
  const byDate = [...versions].sort(
    (a, b) => (b.publishedAt?.getTime() ?? 0) - (a.publishedAt?.getTime() ?? 0),
  );
  return byDate[0] ?? null;
}
