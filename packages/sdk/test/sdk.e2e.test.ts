// The SDK against the real platform: its own PostgreSQL database with the demo seed, a real
// runner with onnxruntime, and the real api on free ports. Keys are made through a portal
// session (a next-auth JWT, as the portal issues it), then the catalog, predictions and the
// typed errors are exercised with an API key.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startApi, type RunningApi } from '@modelhub/api';
import { LocalArtifactStore } from '@modelhub/artifact-store';
import { DEMO_ORG_SLUG, DEMO_PUBLISHER_SLUG, DEMO_USER_EMAIL, seedBaseData } from '@modelhub/db';
import { createTestDatabase, type TestDatabase } from '@modelhub/db/testing';
import { OCR_CLASSIFIER, ZOO_MODELS, seedDemoModels } from '@modelhub/models';
import { startRunner, type RunningRunner } from '@modelhub/runner';
import { loadOnnxModel, type OnnxModel } from '@modelhub/runner-onnx';
import { encode } from 'next-auth/jwt';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BadUserInputError,
  ForbiddenError,
  Modelhub,
  NotFoundError,
  UnauthenticatedError,
  verifyWebhook,
  type AsyncPrediction,
  type Model,
  type TensorInput,
} from '../src/index.ts';

const AUTH_SECRET = 'sdk-e2e-auth-secret-sdk-e2e-auth-secret-0123';
const CLASSIFIER = `${DEMO_PUBLISHER_SLUG}/${OCR_CLASSIFIER.slug}`;
const silent = pino({ level: 'silent' });

let database: TestDatabase;
let artifactRoot: string;
let runner: RunningRunner;
let api: RunningApi;
let demoUserId: string;
let reference: OnnxModel;
/** a session client acting for the demo organization */
let session: Modelhub;
/** an API key of the demo organization, made through `session` */
let apiKey: string;
let client: Modelhub;
let receiver: Receiver;

interface Receiver {
  url: string;
  deliveries: { headers: Record<string, string>; body: string }[];
  close(): Promise<void>;
}

/** Receives webhooks: the first delivery is answered 503, later ones 204. */
async function startReceiver(): Promise<Receiver> {
  const deliveries: Receiver['deliveries'] = [];
  let calls = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      deliveries.push({
        headers: req.headers as Record<string, string>,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(calls++ === 0 ? 503 : 204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/modelhub`,
    deliveries,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  artifactRoot = await mkdtemp(path.join(os.tmpdir(), 'sdk-e2e-'));
  demoUserId = (await seedBaseData(database.db)).demoUserId;
  await seedDemoModels(database.db, new LocalArtifactStore(artifactRoot));
  runner = await startRunner({
    databaseUrl: database.url,
    artifactRoot,
    port: 0,
    logger: silent,
  });
  api = await startApi({
    // the app role, so row-level security applies as in production
    databaseUrl: database.appUrl,
    authSecret: AUTH_SECRET,
    artifactStore: new LocalArtifactStore(artifactRoot),
    port: 0,
    logger: silent,
    apiKeyCacheMs: 0,
    // the webhook receiver of these tests listens on 127.0.0.1
    webhookAllowInternal: true,
    webhookRetryDelaySeconds: 1,
  });
  receiver = await startReceiver();
  reference = await loadOnnxModel(OCR_CLASSIFIER.file);
  session = new Modelhub({
    baseUrl: api.url,
    sessionToken: await sessionTokenFor(demoUserId),
    organization: DEMO_ORG_SLUG,
  });
  const created = await session.keys.create({ name: 'sdk e2e', scopes: ['PREDICT', 'READ'] });
  apiKey = created.secret;
  client = new Modelhub({ baseUrl: api.url, apiKey });
});

afterAll(async () => {
  await receiver?.close();
  await reference?.dispose();
  await api?.close();
  await runner?.close();
  await database?.drop();
  if (artifactRoot) await rm(artifactRoot, { recursive: true, force: true });
});

/** The session token the portal's next-auth would issue for the user. */
function sessionTokenFor(userId: string, secret = AUTH_SECRET): Promise<string> {
  return encode({ token: { sub: userId }, secret });
}

/** A deterministic 1x3x48x192 image-like tensor for the direction classifier. */
function classifierInput(): TensorInput {
  return {
    name: 'x',
    datatype: 'FP32',
    shape: [1, 3, 48, 192],
    data: Float32Array.from({ length: 3 * 48 * 192 }, (_, i) => Math.sin(i / 7) * 0.8),
  };
}

async function balance(): Promise<bigint> {
  const viewer = await session.viewer();
  return viewer!.balanceMicros!;
}

describe('API keys through a signed-in session', () => {
  it('shows the session as the demo user acting for the demo organization', async () => {
    const viewer = await session.viewer();
    expect(viewer!.user!.email).toBe(DEMO_USER_EMAIL);
    expect(viewer!.organization!.slug).toBe(DEMO_ORG_SLUG);
    expect(viewer!.role).toBe('OWNER');
    expect(viewer!.permissions).toContain('keys.manage');
    expect(viewer!.organizations.map((m) => m.organization.slug).sort()).toEqual(
      [DEMO_ORG_SLUG, DEMO_PUBLISHER_SLUG].sort(),
    );
  });

  it('created a key whose secret works and whose prefix is listed', async () => {
    expect(apiKey).toMatch(/^mh_/);
    const keys = (await session.keys.list()).items;
    const made = keys.find((k) => k.name === 'sdk e2e');
    expect(made).toBeDefined();
    expect(apiKey.startsWith(made!.prefix)).toBe(true);
    expect(made!.scopes.sort()).toEqual(['PREDICT', 'READ']);
    expect(made!.revokedAt).toBeNull();
    expect(made!.createdAt).toBeInstanceOf(Date);

    const asKey = await client.viewer();
    expect(asKey!.user).toBeNull();
    expect(asKey!.apiKeyScopes.sort()).toEqual(['PREDICT', 'READ']);
    expect(asKey!.organization!.slug).toBe(DEMO_ORG_SLUG);
  });

  it('pages through keys newest first and revokes one, which then stops working', async () => {
    const extra = await session.keys.create({
      name: 'to revoke',
      scopes: ['READ'],
      monthlySpendLimitMicros: 5_000_000n,
      rateLimitPerMinute: 30,
    });
    expect(extra.apiKey.monthlySpendLimitMicros).toBe(5_000_000n);
    const names: string[] = [];
    for await (const page of session.keys.list({ first: 1 })) {
      expect(page.items.length).toBeLessThanOrEqual(1);
      names.push(...page.items.map((k) => k.name));
    }
    expect(names.slice(0, 2)).toEqual(['to revoke', 'sdk e2e']);

    const revoked = await session.keys.revoke(extra.apiKey.id);
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    const withRevoked = new Modelhub({ baseUrl: api.url, apiKey: extra.secret });
    await expect(withRevoked.models.list({ first: 1 })).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
  });

  it('refuses key management to API keys', async () => {
    const created = await client.keys
      .create({ name: 'minted by a key', scopes: ['PREDICT'] })
      .catch((e: unknown) => e);
    expect(created).toBeInstanceOf(ForbiddenError);
    await expect(client.keys.list()).rejects.toBeInstanceOf(ForbiddenError);
    const names = (await session.keys.list()).items.map((k) => k.name);
    expect(names).not.toContain('minted by a key');
  });

  it('refuses a session for an organization the user is not in, and a forged session', async () => {
    const stranger = new Modelhub({
      baseUrl: api.url,
      sessionToken: await sessionTokenFor(demoUserId),
      organization: 'not-my-org',
    });
    await expect(stranger.viewer()).rejects.toBeInstanceOf(ForbiddenError);

    const forged = new Modelhub({
      baseUrl: api.url,
      sessionToken: await sessionTokenFor(demoUserId, 'another-secret-another-secret-another'),
    });
    const error = await forged.viewer().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnauthenticatedError);
    expect(error).toMatchObject({ httpStatus: 401, responseStatus: 401 });
  });
});

describe('catalog', () => {
  it('lists every demo model across pages', async () => {
    const seen: Model[] = [];
    let pages = 0;
    for await (const page of client.models.list({ first: 2 })) {
      pages++;
      expect(page.totalCount).toBe(ZOO_MODELS.length);
      seen.push(...page.items);
    }
    expect(pages).toBe(Math.ceil(ZOO_MODELS.length / 2));
    expect(new Set(seen.map((m) => m.fullName)).size).toBe(ZOO_MODELS.length);
    expect(seen.map((m) => m.fullName)).toContain(CLASSIFIER);
  });

  it('filters by text, task and publisher', async () => {
    const byTask = await client.models.list({ task: OCR_CLASSIFIER.task });
    expect(byTask.items.map((m) => m.fullName)).toContain(CLASSIFIER);
    expect(byTask.items.every((m) => m.task === OCR_CLASSIFIER.task)).toBe(true);

    const nobody = await client.models.list({ publisher: 'nobody-publishes-here' });
    expect(nobody.items).toEqual([]);
    expect(nobody.totalCount).toBe(0);
    expect(await nobody.nextPage()).toBeNull();
  });

  it('gets one model with its signature and price', async () => {
    const model = await client.models.get(CLASSIFIER);
    expect(model).toMatchObject({
      fullName: CLASSIFIER,
      slug: OCR_CLASSIFIER.slug,
      name: OCR_CLASSIFIER.name,
      task: OCR_CLASSIFIER.task,
      publisher: { slug: DEMO_PUBLISHER_SLUG },
    });
    expect(model.description).toContain('direction classifier');
    const version = model.latestVersion!;
    expect(version.version).toBe(OCR_CLASSIFIER.version);
    expect(version.status).toBe('PUBLISHED');
    expect(version.inputs).toEqual([{ name: 'x', datatype: 'FP32', shape: [-1, 3, -1, -1] }]);
    expect(version.sizeBytes).toBeGreaterThan(0n);
    expect(version.prices).toEqual([
      {
        unit: OCR_CLASSIFIER.price.unit,
        amountMicros: OCR_CLASSIFIER.price.amountMicros,
        currency: 'usd',
        freeAllowance: OCR_CLASSIFIER.price.freeAllowance,
      },
    ]);
  });

  it('answers a model that does not exist with NotFoundError', async () => {
    await expect(client.models.get(`${DEMO_PUBLISHER_SLUG}/no-such-model`)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe('predict', () => {
  it('returns what onnxruntime computes for the same input, and charges the price', async () => {
    const before = await balance();
    const input = classifierInput();
    const prediction = await client.predict(CLASSIFIER, [input]);

    expect(prediction.model).toBe(`${CLASSIFIER}@${OCR_CLASSIFIER.version}`);
    expect(prediction.replayed).toBe(false);
    expect(prediction.costMicros).toBe(OCR_CLASSIFIER.price.amountMicros);
    expect(prediction.timings.computeMs).toBeGreaterThan(0);
    expect(prediction.timings.totalMs).toBeGreaterThanOrEqual(prediction.timings.computeMs);

    const [expected] = await reference.run([
      { name: 'x', datatype: 'FP32', shape: [...input.shape], data: Array.from(input.data!) },
    ]);
    expect(prediction.outputs).toHaveLength(1);
    const [output] = prediction.outputs;
    expect(output!.name).toBe(expected!.name);
    expect(output!.shape).toEqual(expected!.shape);
    const want = Array.from(expected!.data as ArrayLike<number>);
    expect(output!.data).toHaveLength(want.length);
    output!.data!.forEach((value, i) => expect(value).toBeCloseTo(want[i]!, 5));

    expect(await balance()).toBe(before - prediction.costMicros);
  });

  it('replays a call with the same idempotency key without charging again', async () => {
    const before = await balance();
    const first = await client.predict(CLASSIFIER, [classifierInput()], {
      idempotencyKey: 'sdk-e2e-1',
    });
    const again = await client.predict(CLASSIFIER, [classifierInput()], {
      idempotencyKey: 'sdk-e2e-1',
    });
    expect(again.id).toBe(first.id);
    expect(again.replayed).toBe(true);
    expect(again.outputs).toEqual(first.outputs);
    expect(await balance()).toBe(before - first.costMicros);
  });

  it('answers typed errors and charges nothing for them', async () => {
    const before = await balance();

    await expect(
      client.predict(`${DEMO_PUBLISHER_SLUG}/no-such-model`, [classifierInput()]),
    ).rejects.toBeInstanceOf(NotFoundError);

    // Well-formed for the SDK, but a rank the model does not take: the api refuses it.
    const wrongRank = await client
      .predict(CLASSIFIER, [
        { name: 'x', datatype: 'FP32', shape: [3, 48], data: new Float32Array(144) },
      ])
      .catch((e: unknown) => e);
    expect(wrongRank).toBeInstanceOf(BadUserInputError);
    expect((wrongRank as BadUserInputError).responseStatus).toBeDefined();

    const stranger = new Modelhub({ baseUrl: api.url, apiKey: 'mh_unknown_notarealsecret' });
    const unauthenticated = await stranger
      .predict(CLASSIFIER, [classifierInput()])
      .catch((e: unknown) => e);
    expect(unauthenticated).toBeInstanceOf(UnauthenticatedError);
    expect(unauthenticated).toMatchObject({
      code: 'UNAUTHENTICATED',
      httpStatus: 401,
      responseStatus: 401,
    });

    expect(await balance()).toBe(before);
  });
});

describe('async predictions', () => {
  it('creates a prediction, waits for it and reads the same outputs as predict', async () => {
    const before = await balance();
    const queued = await client.predictions.create(CLASSIFIER, [classifierInput()]);
    expect(queued.status).toBe('QUEUED');
    expect(queued.mode).toBe('ASYNC');
    const done = await client.predictions.wait(queued.id, { timeoutMs: 30_000 });
    expect(done.status).toBe('SUCCEEDED');
    expect(done.costMicros).toBe(OCR_CLASSIFIER.price.amountMicros);
    const sync = await client.predict(CLASSIFIER, [classifierInput()]);
    expect(done.outputs).toEqual(sync.outputs);
    expect(await balance()).toBe(before - done.costMicros! - sync.costMicros);

    const page = await client.predictions.list({ first: 5 });
    expect(page.items.map((p) => p.id)).toContain(done.id);
    // every listed prediction names the version that ran (read for the whole page at once)
    for (const item of page.items)
      expect(item.model).toMatch(/^modelhub\/[a-z0-9-]+@\d+\.\d+\.\d+$/);
  });

  it('delivers a signed webhook that verifyWebhook accepts, after a failed first attempt', async () => {
    const secret = await session.webhookSecrets.get();
    const created = await client.predictions.create(CLASSIFIER, [classifierInput()], {
      webhook: receiver.url,
      wait: 30,
    });
    expect(created.status).toBe('SUCCEEDED');
    let deliveries = await client.predictions.webhookDeliveries(created.id);
    const deadline = Date.now() + 20_000;
    while (!deliveries.some((d) => d.succeeded) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      deliveries = await client.predictions.webhookDeliveries(created.id);
    }
    expect(deliveries.map((d) => [d.attempt, d.statusCode, d.succeeded])).toEqual([
      [1, 503, false],
      [2, 204, true],
    ]);
    for (const delivery of receiver.deliveries) {
      const verified = verifyWebhook<{ type: string; data: AsyncPrediction }>(
        delivery.headers,
        delivery.body,
        secret,
      );
      expect(verified.id).toBe(deliveries[0]!.messageId);
      expect(verified.payload.type).toBe('prediction.completed');
      expect(verified.payload.data).toMatchObject({ id: created.id, status: 'SUCCEEDED' });
    }
    // another secret does not verify it
    expect(() =>
      verifyWebhook(
        receiver.deliveries[0]!.headers,
        receiver.deliveries[0]!.body,
        `whsec_${Buffer.alloc(32).toString('base64')}`,
      ),
    ).toThrow();
  });

  it('cancels a prediction, typed errors for bad calls, and NotFoundError for unknown ids', async () => {
    const created = await client.predictions.create(CLASSIFIER, [classifierInput()]);
    const canceled = await client.predictions.cancel(created.id);
    // it may already have finished: a finished prediction comes back unchanged
    expect(['CANCELED', 'SUCCEEDED']).toContain(canceled.status);
    if (canceled.status === 'CANCELED') expect(canceled.costMicros).toBeNull();

    await expect(
      client.predictions.create(CLASSIFIER, [classifierInput()], { webhook: 'ftp://nope' }),
    ).rejects.toBeInstanceOf(BadUserInputError);
    await expect(
      client.predictions.create(CLASSIFIER, [classifierInput()], { wait: 61 }),
    ).rejects.toBeInstanceOf(BadUserInputError);
    await expect(client.predictions.get('UHJlZGljdGlvbjpub3Bl')).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe('usage', () => {
  it('reports the calls and spend of the day, matching the balance change', async () => {
    const from = new Date(Date.now() - 24 * 3600_000);
    const to = new Date(Date.now() + 3600_000);
    const byModel = await client.usage.report({ from, to, groupBy: 'model' });
    const row = byModel.find((r) => r.label.includes(OCR_CLASSIFIER.slug));
    expect(row).toBeDefined();
    expect(row!.calls).toBeGreaterThan(0);
    expect(row!.amountMicros).toBe(OCR_CLASSIFIER.price.amountMicros * BigInt(row!.calls));
    await expect(
      client.usage.report({ from: new Date('nope'), to, groupBy: 'day' }),
    ).rejects.toBeInstanceOf(BadUserInputError);
  });
});
