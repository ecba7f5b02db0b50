// Async predictions over real HTTP, runner and PostgreSQL: createPrediction answers QUEUED and a
// worker runs it; the optional wait; webhooks signed by the Standard Webhooks scheme, retried
// after failures with every attempt recorded; cancel while queued and while running, neither
// charged; and the bad inputs, each with its code and nothing stored.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type RunningApi } from '../src/index.ts';
import { startDelayedRunner, type DelayedRunner } from './delayed-runner.ts';
import {
  CLASSIFIER,
  classifierInput,
  createTestKey,
  PREDICT,
  signUpUser,
  startPlatform,
  TEST_AUTH_SECRET,
  type Platform,
  type SignedUpUser,
} from './platform-fixture.ts';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.ts';
import pino from 'pino';

const PREDICTION_FIELDS = `
  id status mode model costMicros currency attempts itemCount error { code message }
  createdAt startedAt completedAt expiresAt webhook webhookEvents
  outputs { name datatype shape data }
  webhookDeliveries { event messageId attempt statusCode succeeded error }`;

const CREATE = `
  mutation Create($input: CreatePredictionInput!, $wait: Int) {
    createPrediction(input: $input, wait: $wait) { ${PREDICTION_FIELDS} }
  }`;
const GET = `query Get($id: ID!) { prediction(id: $id) { ${PREDICTION_FIELDS} } }`;
const CANCEL = `mutation Cancel($id: ID!) { cancelPrediction(id: $id) { ${PREDICTION_FIELDS} } }`;

let platform: Platform;
let user: SignedUpUser;
let organizationId: string;
let key: string;
let receiver: WebhookReceiver;
/** another api process on the same database that runs the queued predictions */
let workers: RunningApi | null = null;

const WORKER_OPTIONS = {
  webhookAllowInternal: true,
  webhookRetryDelaySeconds: 1,
  jobSuperviseIntervalSeconds: 1,
};

async function startWorkers() {
  workers = await startApi({
    databaseUrl: platform.database.appUrl,
    authSecret: TEST_AUTH_SECRET,
    artifactStore: platform.api.services.artifactStore,
    port: 0,
    logger: pino({ level: 'silent' }),
    predictionConcurrency: 2,
    ...WORKER_OPTIONS,
  });
}

async function stopWorkers() {
  await workers?.close();
  workers = null;
}

beforeAll(async () => {
  // The api the tests call only queues; `workers` runs the predictions, as a separate process
  // would, so a test can stop and start it.
  platform = await startPlatform({ predictionConcurrency: 0, ...WORKER_OPTIONS });
  user = await signUpUser(platform, 'async@example.com');
  organizationId = (
    await platform.db.organization.findUniqueOrThrow({
      where: { slug: user.personalOrg },
    })
  ).id;
  key = await createTestKey(platform.db, { organizationId });
  receiver = await startWebhookReceiver();
  await startWorkers();
});
afterAll(async () => {
  await stopWorkers();
  await receiver?.close();
  await platform?.close();
});

async function create(input: Record<string, unknown>, wait?: number, as: string = key) {
  return platform.graphql(
    CREATE,
    { input: { model: CLASSIFIER, inputs: [classifierInput()], ...input }, wait },
    as,
  );
}

/** Polls prediction(id) until `done` holds (15 s unless told otherwise). */
async function until(id: string, done: (p: any) => boolean, timeoutMs = 15_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await platform.graphql(GET, { id }, key);
    expect(res.errors).toBeUndefined();
    if (done(res.data.prediction)) return res.data.prediction;
    if (Date.now() > deadline)
      throw new Error(`prediction stayed ${JSON.stringify(res.data.prediction)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const usageOf = (predictionId: string) => platform.db.usageEvent.count({ where: { predictionId } });
const balance = async () =>
  (
    await platform.db.ledgerEntry.aggregate({
      where: { organizationId },
      _sum: { amountMicros: true },
    })
  )._sum.amountMicros ?? 0n;
const localId = (globalId: string) => Buffer.from(globalId, 'base64').toString().split(':')[1]!;

describe('createPrediction', () => {
  it('answers QUEUED at once; a worker runs it and charges it once, with the same outputs as predict', async () => {
    const before = await balance();
    const res = await create({});
    expect(res.errors).toBeUndefined();
    const queued = res.data.createPrediction;
    expect(queued).toMatchObject({
      status: 'QUEUED',
      mode: 'ASYNC',
      outputs: null,
      costMicros: null,
    });
    expect(queued.model).toMatch(/^modelhub\/ppocr-direction-classifier@\d+\.\d+\.\d+$/);

    const done = await until(queued.id, (p) => p.status === 'SUCCEEDED');
    expect(done.attempts).toBe(1);
    expect(new Date(done.startedAt).getTime()).toBeGreaterThanOrEqual(
      new Date(done.createdAt).getTime(),
    );
    expect(new Date(done.expiresAt).getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);

    const sync = await platform.graphql(
      PREDICT,
      { model: CLASSIFIER, inputs: [classifierInput()] },
      key,
    );
    expect(done.outputs).toEqual(sync.data.predict.outputs);
    expect(await usageOf(localId(done.id))).toBe(1);
    expect(BigInt(done.costMicros)).toBeGreaterThan(0n);
    expect(before - (await balance())).toBe(
      BigInt(done.costMicros) + BigInt(sync.data.predict.costMicros),
    );

    // inputs are not kept once it ran
    const row = await platform.db.prediction.findUniqueOrThrow({ where: { id: localId(done.id) } });
    expect(row.input).toBeNull();
  });

  it('holds the request up to `wait` seconds and answers with the result', async () => {
    const res = await create({}, 20);
    expect(res.errors).toBeUndefined();
    expect(res.data.createPrediction.status).toBe('SUCCEEDED');
    expect(res.data.createPrediction.outputs[0].shape).toEqual([1, 2]);
  });

  it('returns the first prediction for a repeated idempotency key and charges once', async () => {
    const first = await create({ idempotencyKey: 'async-once-1' }, 20);
    const again = await create({ idempotencyKey: 'async-once-1' }, 20);
    expect(again.data.createPrediction.id).toBe(first.data.createPrediction.id);
    expect(await usageOf(localId(first.data.createPrediction.id))).toBe(1);
  });

  it('signs webhooks (Standard Webhooks), retries failed deliveries with backoff and records every attempt', async () => {
    receiver.answerNext(500, 500);
    const secretRes = await platform.graphql(
      '{ webhookSigningSecret }',
      {},
      { cookie: user.cookie },
    );
    expect(secretRes.errors).toBeUndefined();
    const secret: string = secretRes.data.webhookSigningSecret;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

    const res = await create({ webhook: receiver.url, webhookEvents: ['START', 'COMPLETED'] });
    expect(res.errors).toBeUndefined();
    const id = res.data.createPrediction.id;
    // START and COMPLETED are delivered independently, so their retries race: wait for both.
    const delivered = (p: any, event: string) =>
      p.webhookDeliveries.some((d: any) => d.event === event && d.succeeded);
    const done = await until(id, (p) => delivered(p, 'START') && delivered(p, 'COMPLETED'), 30_000);

    // Every attempt is recorded, in order; one message id per event, the same on retries.
    const attempts = done.webhookDeliveries.map((d: any) => [d.event, d.attempt, d.statusCode]);
    expect(attempts.filter((a: any) => a[2] === 500)).toHaveLength(2);
    expect(attempts.filter((a: any) => a[2] === 200)).toHaveLength(2); // START and COMPLETED
    const completed = done.webhookDeliveries.filter((d: any) => d.event === 'COMPLETED');
    expect(new Set(completed.map((d: any) => d.messageId)).size).toBe(1);
    expect(completed.map((d: any) => d.attempt)).toEqual(
      completed.map((_: unknown, i: number) => i + 1),
    );

    // What the receiver got: signed over id.timestamp.body with the organization's secret.
    const hmacKey = Buffer.from(secret.slice('whsec_'.length), 'base64');
    for (const delivery of receiver.received) {
      const msgId = String(delivery.headers['webhook-id']);
      const ts = String(delivery.headers['webhook-timestamp']);
      const sig = delivery.headers['webhook-signature'];
      const expected = createHmac('sha256', hmacKey)
        .update(`${msgId}.${ts}.${delivery.body}`)
        .digest('base64');
      expect(sig).toBe(`v1,${expected}`);
      expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(60);
    }
    const final = receiver.received
      .filter((d) => d.answeredWith === 200)
      .map((d) => JSON.parse(d.body));
    const completedBody = final.find((b) => b.type === 'prediction.completed');
    expect(completedBody.data).toMatchObject({ id, status: 'SUCCEEDED' });
    expect(completedBody.data.outputs[0].shape).toEqual([1, 2]);
    expect(final.some((b) => b.type === 'prediction.started')).toBe(true);
    // the retries of one message came later and later (exponential backoff from 1 s); which
    // event met the two failures depends on timing, so check every event that was retried
    const timesByMessage = new Map<string, number[]>();
    for (const d of receiver.received) {
      const msgId = String(d.headers['webhook-id']);
      timesByMessage.set(msgId, [
        ...(timesByMessage.get(msgId) ?? []),
        Number(d.headers['webhook-timestamp']),
      ]);
    }
    const retried = [...timesByMessage.values()].filter((times) => times.length > 1);
    expect(retried.length).toBeGreaterThan(0);
    for (const times of retried) expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('refuses bad inputs with typed errors and stores nothing', async () => {
    const before = await platform.db.prediction.count({ where: { organizationId } });
    const cases: [Record<string, unknown>, number | undefined, string][] = [
      [{ inputs: [{ ...classifierInput(), shape: [1, 3, 48, 10] }] }, undefined, 'BAD_USER_INPUT'],
      [{ webhook: 'ftp://example.com/hook' }, undefined, 'BAD_USER_INPUT'],
      [{ webhook: 'https://user:pass@example.com/hook' }, undefined, 'BAD_USER_INPUT'],
      [{ webhook: 'not a url' }, undefined, 'BAD_USER_INPUT'],
      [{ webhookEvents: ['START'] }, undefined, 'BAD_USER_INPUT'],
      [{}, 61, 'BAD_USER_INPUT'],
      [{ model: 'modelhub/no-such-model' }, undefined, 'NOT_FOUND'],
      [{ idempotencyKey: 'x'.repeat(300) }, undefined, 'BAD_USER_INPUT'],
    ];
    for (const [input, wait, code] of cases) {
      const res = await create(input, wait);
      expect(res.errors?.[0]?.extensions.code, JSON.stringify(input)).toBe(code);
    }
    const readOnly = await createTestKey(platform.db, { organizationId, scopes: ['READ'] });
    expect((await create({}, undefined, readOnly)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect(await platform.db.prediction.count({ where: { organizationId } })).toBe(before);
  });

  it('answers NOT_FOUND for another organization’s prediction, to read or to cancel', async () => {
    const mine = (await create({})).data.createPrediction.id;
    const other = await createTestKey(platform.db, {
      organizationId: platform.seed.demoOrganizationId,
    });
    for (const query of [GET, CANCEL]) {
      const res = await platform.graphql(query, { id: mine }, other);
      expect(res.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    }
    const malformed = await platform.graphql(GET, { id: 'not-an-id' }, key);
    expect(malformed.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });
});

describe('cancelPrediction', () => {
  let delayed: DelayedRunner;
  beforeAll(async () => {
    delayed = await startDelayedRunner(platform.runner.url, 2_500);
  });
  afterAll(async () => {
    await platform.db.runner.updateMany({
      where: { url: delayed.url },
      data: { status: 'STOPPED' },
    });
    await platform.db.runner.updateMany({
      where: { url: platform.runner.url },
      data: { status: 'READY' },
    });
    await delayed?.close();
  });

  it('cancels a queued prediction: it never runs and is not charged', async () => {
    await stopWorkers(); // nothing takes it off the queue
    try {
      const res = await create({ webhook: receiver.url });
      const id = res.data.createPrediction.id;
      expect(res.data.createPrediction.status).toBe('QUEUED');
      const canceled = await platform.graphql(CANCEL, { id }, key);
      expect(canceled.errors).toBeUndefined();
      expect(canceled.data.cancelPrediction).toMatchObject({ status: 'CANCELED', attempts: 0 });
      // a second cancel changes nothing
      const again = await platform.graphql(CANCEL, { id }, key);
      expect(again.data.cancelPrediction.completedAt).toBe(
        canceled.data.cancelPrediction.completedAt,
      );

      await startWorkers();
      // the COMPLETED webhook (status CANCELED) is delivered; the prediction never ran
      const later = await until(id, (p) => p.webhookDeliveries.some((d: any) => d.succeeded));
      expect(later).toMatchObject({ status: 'CANCELED', attempts: 0, costMicros: null });
      expect(await usageOf(localId(id))).toBe(0);
      const body = JSON.parse(receiver.received.at(-1)!.body);
      expect(body).toMatchObject({
        type: 'prediction.completed',
        data: { id, status: 'CANCELED' },
      });
    } finally {
      if (!workers) await startWorkers();
    }
  });

  it('cancels a running prediction: the runner’s answer is dropped and nothing is charged', async () => {
    await platform.db.runner.updateMany({
      where: { url: platform.runner.url },
      data: { status: 'STOPPED' },
    });
    await platform.db.runner.upsert({
      where: { url: delayed.url },
      update: { status: 'READY', lastHeartbeatAt: new Date() },
      create: { url: delayed.url, name: 'delayed', status: 'READY' },
    });
    await new Promise((r) => setTimeout(r, 1_100)); // the router's registry view lasts 1 s
    const before = await balance();
    const id = (await create({})).data.createPrediction.id;
    await until(id, (p) => p.status === 'RUNNING');
    const canceled = await platform.graphql(CANCEL, { id }, key);
    expect(canceled.data.cancelPrediction.status).toBe('CANCELED');
    await new Promise((r) => setTimeout(r, 3_500)); // the runner answers meanwhile
    const after = await until(id, () => true);
    expect(after).toMatchObject({ status: 'CANCELED', costMicros: null, outputs: null });
    expect(await usageOf(localId(id))).toBe(0);
    expect(await balance()).toBe(before);
  }, 30_000);
});
