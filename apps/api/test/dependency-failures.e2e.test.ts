// What callers see when what the api depends on fails: runners (clear errors within the
// deadline, a retry on another runner when one cannot be reached, and never a charge) and
// PostgreSQL dropping the api's connections (a restart, a failover: the api must serve on once
// the database answers, never crash on a pooled connection's error event).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
let hanging: Server;
let hangingUrl: string;

beforeAll(async () => {
  platform = await startPlatform({ runnerTimeoutMs: 1_500 });
  key = await createTestKey(platform.db, { organizationId: platform.seed.demoOrganizationId });
  // accepts connections and never answers
  hanging = createServer(() => {});
  await new Promise<void>((r) => hanging.listen(0, '127.0.0.1', r));
  hangingUrl = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
});
afterAll(async () => {
  hanging.closeAllConnections();
  await new Promise((r) => hanging.close(r));
  await platform?.close();
});

const predict = () =>
  platform.graphql(PREDICT, { model: CLASSIFIER, inputs: [classifierInput()] }, key);
const usage = () => platform.db.usageEvent.count();
const waitForSnapshot = () => new Promise((r) => setTimeout(r, 1_100)); // the router's registry view lasts 1 s

async function onlyRunners(urls: string[]) {
  await platform.db.runner.updateMany({
    where: { url: { notIn: urls } },
    data: { status: 'STOPPED' },
  });
  for (const url of urls) {
    await platform.db.runner.upsert({
      where: { url },
      update: { status: 'READY', lastHeartbeatAt: new Date() },
      create: { url, name: url, status: 'READY' },
    });
  }
  await waitForSnapshot();
}

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

describe('runner failures', () => {
  it('retries on another runner when one cannot be connected to', async () => {
    await onlyRunners(['http://127.0.0.1:1', platform.runner.url]);
    for (let i = 0; i < 3; i++) {
      const res = await predict();
      expect(res.errors).toBeUndefined();
    }
  });

  it('answers SERVICE_UNAVAILABLE quickly when no runner can be reached, charging nothing', async () => {
    await onlyRunners(['http://127.0.0.1:1', 'http://127.0.0.1:2']);
    const before = await usage();
    const started = Date.now();
    const res = await predict();
    expect(res.errors?.[0]?.extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(res.errors?.[0]?.message).not.toMatch(/127\.0\.0\.1/); // runner addresses stay internal
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await usage()).toBe(before);
  });

  it('answers GATEWAY_TIMEOUT at the deadline when the runner hangs, charging nothing', async () => {
    await onlyRunners([hangingUrl]);
    const before = await usage();
    const started = Date.now();
    const res = await predict();
    expect(res.errors?.[0]?.extensions.code).toBe('GATEWAY_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await usage()).toBe(before);
  });

  it('answers SERVICE_UNAVAILABLE and reports not ready when no runner is alive', async () => {
    await platform.db.runner.updateMany({
      data: { lastHeartbeatAt: new Date(Date.now() - 60_000) },
    });
    await platform.runner.close(); // stops the heartbeat for good
    await waitForSnapshot();
    expect((await predict()).errors?.[0]?.extensions.code).toBe('SERVICE_UNAVAILABLE');
    const ready = await fetch(`${platform.api.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ checks: { database: true, runners: false } });
  });
});
