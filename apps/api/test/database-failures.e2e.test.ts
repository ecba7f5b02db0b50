// What happens when PostgreSQL drops the api's connections (a restart, a failover, an
// administrator): the api must stay up and serve again once the database answers, never crash on
// a pooled connection's error event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLASSIFIER,
  classifierInput,
  createTestKey,
  PREDICT,
  startPlatform,
  type Platform,
} from './platform-fixture.ts';

let platform: Platform;
let key: string;

beforeAll(async () => {
  platform = await startPlatform();
  key = await createTestKey(platform.db, { organizationId: platform.seed.demoOrganizationId });
});
afterAll(() => platform?.close());

const predict = () =>
  platform.graphql(PREDICT, { model: CLASSIFIER, inputs: [classifierInput()] }, key);

describe('database connections dropped', () => {
  it('keeps the api serving after PostgreSQL terminates every connection', async () => {
    // every pool (Prisma, rate limits, charges) holds idle connections after a call
    expect((await predict()).errors).toBeUndefined();
    const terminated = await platform.db.$queryRaw<{ count: bigint }[]>`
      SELECT count(*) AS count FROM (
        SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()
      ) AS t`;
    expect(Number(terminated[0]!.count)).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // A call that met a dropped connection may fail with a typed error; the next ones succeed.
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await predict());
    expect(answers.at(-1)!.errors).toBeUndefined();
    for (const answer of answers.filter((a) => a.errors)) {
      expect(answer.errors![0]!.extensions.code).toMatch(/^[A-Z_]+$/);
    }
  });
});
