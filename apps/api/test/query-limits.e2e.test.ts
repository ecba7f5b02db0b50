// GraphQL operations are bounded in depth, cost, aliases and tokens, with a clear typed refusal;
// ordinary queries and big tensors in variables pass.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUERY_LIMITS } from '../src/graphql/query-limits.ts';
import { startPlatform, type Platform } from './platform-fixture.ts';

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform?.close());

describe('query limits', () => {
  it('refuses a query nested deeper than the limit with QUERY_TOO_COMPLEX and HTTP 400', async () => {
    // Membership -> organization -> members -> ... is a cycle in the schema.
    let deep = 'role';
    for (let i = 0; i < QUERY_LIMITS.maxDepth; i++) deep = `organization { members { ${deep} } }`;
    const res = await platform.graphql(`{ viewer { organizations { ${deep} } } }`);
    expect(res.status).toBe(400);
    expect(res.errors!.every((e) => e.extensions.code === 'QUERY_TOO_COMPLEX')).toBe(true);
    // Its static cost is over the limit too; both are reported.
    expect(res.errors!.map((e) => e.message).join('\n')).toMatch(
      new RegExp(`depth limit of ${QUERY_LIMITS.maxDepth} exceeded`),
    );
  });

  it('refuses too many aliases', async () => {
    const aliases = Array.from(
      { length: QUERY_LIMITS.maxAliases + 1 },
      (_, i) => `a${i}: mailMode`,
    );
    const res = await platform.graphql(`{ ${aliases.join(' ')} }`);
    expect(res.errors![0]!.extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(res.errors![0]!.message).toMatch(/Aliases limit/);
  });

  it('accepts the portal’s catalog query', async () => {
    const res = await platform.graphql(`{
      models(first: 20) { totalCount edges { node { fullName task publisher { slug name }
        latestVersion { version inputs { name datatype shape } outputs { name shape }
          prices { unit amountMicros currency } evaluationResults { metric value } } } } } }`);
    expect(res.errors).toBeUndefined();
  });
});
