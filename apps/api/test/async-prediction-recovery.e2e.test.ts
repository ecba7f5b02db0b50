// A worker process that dies mid-prediction: its job's heartbeat stops, another worker picks the
// prediction up and runs it, and it is charged exactly once. Also: a prediction that was charged
// but whose job was not marked done (a crash between the two) is not run or charged again.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startApi, type RunningApi } from '../src/index.ts';
import { runQueuedPrediction } from '../src/predictions/async/run-queued-prediction.ts';
import { startDelayedRunner, type DelayedRunner } from './delayed-runner.ts';
import {
  CLASSIFIER,
  classifierInput,
  createTestKey,
  startPlatform,
  type Platform,
} from './platform-fixture.ts';

const CREATE = `
  mutation Create($input: CreatePredictionInput!) {
    createPrediction(input: $input) { id status }
  }`;
const GET = `query Get($id: ID!) { prediction(id: $id) { id status attempts costMicros } }`;

let platform: Platform;
let key: string;
let delayed: DelayedRunner;
let child: ChildProcess | null = null;
let rescuer: RunningApi | null = null;

beforeAll(async () => {
  platform = await startPlatform({ predictionConcurrency: 0 });
  key = await createTestKey(platform.db, { organizationId: platform.seed.demoOrganizationId });
  // a runner that takes a minute: the first worker is still waiting on it when it is killed
  delayed = await startDelayedRunner(platform.runner.url, 60_000);
});
afterAll(async () => {
  child?.kill('SIGKILL');
  await rescuer?.close();
  await delayed?.close();
  await platform?.close();
});

async function onlyRunner(url: string) {
  await platform.db.runner.updateMany({
    where: { url: { not: url } },
    data: { status: 'STOPPED' },
  });
  await platform.db.runner.upsert({
    where: { url },
    update: { status: 'READY', lastHeartbeatAt: new Date() },
    create: { url, name: url, status: 'READY' },
  });
}

async function predictionRow(globalId: string) {
  const id = Buffer.from(globalId, 'base64').toString().split(':')[1]!;
  return platform.db.prediction.findUniqueOrThrow({ where: { id }, include: { usageEvent: true } });
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`still ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

it('picks a prediction up again after its worker process is killed, and charges it once', async () => {
  await onlyRunner(delayed.url);
  const worker = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'prediction-worker-process.ts')],
    {
      env: { ...process.env, DATABASE_URL: platform.database.appUrl, NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  child = worker;
  await new Promise<void>((resolve, reject) => {
    worker.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
    worker.once('exit', (code) => reject(new Error(`the worker process exited with ${code}`)));
  });

  const created = await platform.graphql(
    CREATE,
    { input: { model: CLASSIFIER, inputs: [classifierInput()] } },
    key,
  );
  expect(created.errors).toBeUndefined();
  const id: string = created.data.createPrediction.id;
  // the worker process took it and is waiting on the slow runner
  await waitFor(
    () => predictionRow(id),
    (p) => p.status === 'RUNNING',
    20_000,
  );

  worker.kill('SIGKILL');
  await new Promise((r) => worker.once('exit', r));
  child = null;

  // A healthy runner and a new worker: after the missed heartbeat (10 s) the job is retried.
  await onlyRunner(platform.runner.url);
  rescuer = await startApi({
    databaseUrl: platform.database.appUrl,
    port: 0,
    logger: pino({ level: 'silent' }),
    artifactStore: platform.api.services.artifactStore,
    predictionConcurrency: 2,
    predictionHeartbeatSeconds: 10,
    jobSuperviseIntervalSeconds: 1,
  });
  const done = await waitFor(
    () => predictionRow(id),
    (p) => p.status === 'SUCCEEDED',
    45_000,
  );
  expect(done.attempts).toBe(2);
  expect(done.usageEvent).not.toBeNull();
  expect(await platform.db.usageEvent.count({ where: { predictionId: done.id } })).toBe(1);
  expect(
    await platform.db.ledgerEntry.count({ where: { usageEventId: done.usageEvent!.id } }),
  ).toBe(1);

  const read = await platform.graphql(GET, { id }, key);
  expect(read.data.prediction).toMatchObject({ status: 'SUCCEEDED', attempts: 2 });
}, 120_000);

it('does not run or charge again a prediction whose job is delivered twice', async () => {
  const created = await platform.graphql(
    CREATE,
    { input: { model: CLASSIFIER, inputs: [classifierInput()] } },
    key,
  );
  const row = await predictionRow(created.data.createPrediction.id);
  await waitFor(
    () => predictionRow(created.data.createPrediction.id),
    (p) => p.status === 'SUCCEEDED',
    20_000,
  );
  // The same job once more, as the queue would after a crash between the charge's commit and
  // the job's completion.
  await runQueuedPrediction(rescuer!.services, {
    predictionId: row.id,
    organizationId: row.organizationId,
  });
  const after = await predictionRow(created.data.createPrediction.id);
  expect(after.attempts).toBe(1);
  expect(await platform.db.usageEvent.count({ where: { predictionId: row.id } })).toBe(1);
});
