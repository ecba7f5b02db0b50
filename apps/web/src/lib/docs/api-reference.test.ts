// The docs page's facts against the api's own sources: a changed limit or status fails here.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, ERROR_CODES, QUERY_LIMITS } from './api-reference';

const apiSrc = path.join(import.meta.dirname, '..', '..', '..', '..', 'api', 'src');
const read = (file: string) => readFileSync(path.join(apiSrc, file), 'utf8');

/** `name: 5_000,` in a TypeScript source -> 5000 (underscores and `*` products allowed). */
function numberAfter(source: string, pattern: RegExp): number {
  const match = pattern.exec(source);
  if (!match?.[1]) throw new Error(`not found: ${pattern}`);
  return match[1]
    .replaceAll('_', '')
    .split('*')
    .map((factor) => Number(factor.trim()))
    .reduce((product, factor) => product * factor, 1);
}

describe('api reference of the docs page', () => {
  it('states the query limits of apps/api/src/graphql/query-limits.ts', () => {
    const source = read('graphql/query-limits.ts');
    for (const [name, value] of Object.entries(QUERY_LIMITS)) {
      expect(numberAfter(source, new RegExp(`${name}: ([\\d_]+)`)), name).toBe(value);
    }
  });

  it('states the HTTP statuses of apps/api/src/app-error.ts', () => {
    const source = read('app-error.ts');
    for (const { code, httpStatus } of ERROR_CODES) {
      if (code === 'QUERY_TOO_COMPLEX') continue; // a GraphQL validation error, not an AppError
      expect(numberAfter(source, new RegExp(`\\b${code}: (\\d{3})`)), code).toBe(httpStatus);
    }
  });

  it('states the default limits of apps/api/src/env.ts', () => {
    const source = read('env.ts');
    const defaultOf = (name: string) =>
      numberAfter(source, new RegExp(`${name}:[^]*?\\.default\\(([\\d_\\s*]+)\\)`));
    expect(defaultOf('API_RATE_LIMIT_PER_MINUTE')).toBe(DEFAULT_LIMITS.rateLimitPerMinute);
    expect(defaultOf('API_MAX_BODY_BYTES')).toBe(DEFAULT_LIMITS.maxBodyBytes);
    expect(defaultOf('API_MAX_UPLOAD_BYTES')).toBe(DEFAULT_LIMITS.maxUploadBytes);
    expect(defaultOf('API_RUNNER_TIMEOUT_MS')).toBe(DEFAULT_LIMITS.runnerTimeoutMs);
  });
});
