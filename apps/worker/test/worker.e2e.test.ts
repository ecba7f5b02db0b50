// The worker as it runs in production: its own process started from src/main.ts, against a real
// database and the fake Stripe, stopped with SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { recordSucceededPrediction } from '@modelhub/billing';
import { FakeStripe } from '@modelhub/billing/testing';
import type { Db } from '@modelhub/db';
import { createTestDatabase, type TestDatabase } from '@modelhub/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const main = path.resolve(import.meta.dirname, '..', 'src', 'main.ts');

interface RunningWorker {
  child: ChildProcess;
  logs: Record<string, unknown>[];
  /** lines that were not JSON */
  stray: string[];
  exited: Promise<number | null>;
}

function startWorker(env: Record<string, string>): RunningWorker {
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    cwd: path.dirname(main),
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const stray: string[] = [];
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines.filter(Boolean)) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        stray.push(line);
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => stray.push(chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, logs, stray, exited };
}

async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

let t: TestDatabase;
let db: Db;
let fake: FakeStripe;
let versionId: string;
let publisherId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
  fake = await FakeStripe.start();
  const publisher = await db.organization.create({ data: { slug: 'zoo', name: 'Zoo' } });
  publisherId = publisher.id;
  const model = await db.model.create({
    data: { organizationId: publisher.id, slug: 'm', name: 'M', task: 'OTHER' },
  });
  const version = await db.modelVersion.create({
    data: {
      modelId: model.id,
      organizationId: publisher.id,
      version: '1.0.0',
      status: 'PUBLISHED',
      artifactKey: 'm.onnx',
      sha256: '0'.repeat(64),
      sizeBytes: 1n,
      inputs: [],
      outputs: [],
    },
  });
  versionId = version.id;
  await db.price.create({
    data: {
      modelVersionId: version.id,
      organizationId: publisher.id,
      unit: 'PER_CALL',
      amountMicros: 2_000n,
      effectiveFrom: new Date(Date.now() - 60_000),
    },
  });
});
afterAll(async () => {
  await fake.close();
  await t.drop();
});

async function recordUsage(organizationId: string): Promise<string> {
  const recorded = await db.$transaction((tx) =>
    recordSucceededPrediction(tx, {
      organizationId,
      publisherOrganizationId: publisherId,
      modelVersionId: versionId,
      apiKeyId: null,
      userId: null,
      runnerId: null,
      idempotencyKey: null,
      output: null,
      metered: { items: 1, computeMs: 1 },
      queueMs: 0,
      totalMs: 1,
      startedAt: new Date(),
      price: null,
    }),
  );
  return recorded.usageEventId;
}

describe('worker process', () => {
  it('reports postpaid usage to Stripe, keeps sweeping, logs JSON and drains on SIGTERM', async () => {
    const org = await db.organization.create({
      data: { slug: 'postpaid', name: 'Postpaid', billingMode: 'POSTPAID' },
    });
    const before = [await recordUsage(org.id), await recordUsage(org.id)];
    const worker = startWorker({
      DATABASE_URL: t.url,
      STRIPE_SECRET_KEY: fake.secretKey,
      STRIPE_API_BASE: fake.url,
      METER_SWEEP_CRON: '*/2 * * * * *',
      LOG_LEVEL: 'info',
    });
    try {
      await waitFor(() => before.every((id) => fake.meterEvents.has(id)), 60_000, 'catch-up');
      // Usage recorded while it runs is found by the scheduled sweep.
      const later = await recordUsage(org.id);
      await waitFor(() => fake.meterEvents.has(later), 90_000, 'the scheduled sweep');
      await waitFor(
        async () =>
          (await db.usageEvent.count({ where: { organizationId: org.id, reportedAt: null } })) ===
          0,
        10_000,
        'reportedAt',
      );
      const customer = await db.organization.findUniqueOrThrow({ where: { id: org.id } });
      expect(fake.meterEvents.get(later)).toMatchObject({
        payload: { stripe_customer_id: customer.stripeCustomerId, value: '2000' },
      });
      expect(fake.customers.size).toBe(1);
    } finally {
      worker.child.kill('SIGTERM');
    }
    expect(await worker.exited).toBe(0);
    expect(worker.stray.join('')).toBe('');
    const messages = worker.logs.map((l) => l.msg);
    expect(messages).toContain('worker ready');
    expect(messages).toContain('draining');
    expect(messages.at(-1)).toBe('stopped');
    expect(worker.logs.every((l) => l.name === 'worker' && typeof l.level === 'number')).toBe(true);
  });

  it('runs ledger-only without STRIPE_SECRET_KEY, calling Stripe never', async () => {
    const requestsBefore = fake.requests.length;
    const org = await db.organization.create({
      data: { slug: 'ledger', name: 'Ledger', billingMode: 'POSTPAID' },
    });
    const usage = await recordUsage(org.id);
    const worker = startWorker({ DATABASE_URL: t.url, STRIPE_API_BASE: fake.url });
    await waitFor(
      () => worker.logs.some((l) => l.msg === 'worker ready'),
      60_000,
      'the worker to start',
    );
    expect(worker.logs.find((l) => l.mode === 'ledger-only')).toBeDefined();
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(fake.requests.length).toBe(requestsBefore);
    expect((await db.usageEvent.findUniqueOrThrow({ where: { id: usage } })).reportedAt).toBeNull();
  });

  it('refuses to start with an invalid environment, naming the variable', async () => {
    const worker = startWorker({ DATABASE_URL: 'mysql://nope', METER_SWEEP_CRON: 'often' });
    expect(await worker.exited).not.toBe(0);
    const output = worker.stray.join('');
    expect(output).toMatch(/DATABASE_URL: must be a postgresql:\/\/ URL/);
    expect(output).toMatch(/METER_SWEEP_CRON/);
  });
});
