// Dynamic batching, the binary tensor protocol, backpressure and drain, on the real classifier.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalArtifactStore } from '@modelhub/artifact-store';
import { seedBaseData } from '@modelhub/db';
import { createTestDatabase, type TestDatabase } from '@modelhub/db/testing';
import {
  decodeInferResponseBody,
  encodeInferRequestBody,
  INFERENCE_HEADER_CONTENT_LENGTH,
  type InferRequest,
} from '@modelhub/inference';
import { seedOcrModels } from './seed-ocr-models.ts';
import pino from 'pino';
import { startRunner, type RunningRunner } from '../src/index.ts';

const CLS = 'modelhub.ppocr-direction-classifier';
let database: TestDatabase;
let dir: string;
const runners: RunningRunner[] = [];

/** A distinct image per seed, so results can be told apart. */
const image = (rows: number, seed: number) => ({
  name: 'x',
  datatype: 'FP32' as const,
  shape: [rows, 3, 48, 192],
  data: Array.from(
    { length: rows * 3 * 48 * 192 },
    (_, i) => Math.sin(i * 0.013 * (seed + 1)) * 0.9,
  ),
});

async function infer(url: string, request: InferRequest) {
  const res = await fetch(`${url}/v2/models/${CLS}/infer`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

async function start(batching: Parameters<typeof startRunner>[0]['batching']) {
  const runner = await startRunner({
    databaseUrl: database.url,
    artifactRoot: dir,
    port: 0,
    logger: pino({ level: 'silent' }),
    batching,
  });
  runners.push(runner);
  return runner;
}

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), 'runner-batching-'));
  await seedBaseData(database.db);
  await seedOcrModels(database.db, new LocalArtifactStore(dir));
});
afterAll(async () => {
  for (const r of runners) await r.close();
  await database.drop();
  await rm(dir, { recursive: true, force: true });
});

describe('dynamic batching', () => {
  it('gives every concurrent caller exactly its own rows, in order, while batching them', async () => {
    const unbatched = await start({ enabled: false });
    const batched = await start({ maxBatchSize: 16, maxQueueDelayMs: 20 });
    const requests = Array.from({ length: 24 }, (_, i) => ({
      id: `req-${i}`,
      inputs: [image((i % 3) + 1, i)],
    }));

    const expected: any[] = [];
    for (const r of requests) expected.push((await infer(unbatched.url, r)).body);
    const actual = await Promise.all(requests.map((r) => infer(batched.url, r)));

    actual.forEach((res, i) => {
      expect(res.status).toBe(200);
      expect(res.body.id).toBe(`req-${i}`);
      const out = res.body.outputs[0];
      const want = expected[i].outputs[0];
      expect(out.shape).toEqual(want.shape);
      out.data.forEach((v: number, j: number) => expect(v).toBeCloseTo(want.data[j], 4));
    });
    const batchSizes = actual.map((r) => r.body.parameters.batch_size as number);
    expect(Math.max(...batchSizes)).toBeGreaterThan(3); // requests were merged
    expect(Math.max(...batchSizes)).toBeLessThanOrEqual(16);

    const metrics = await (await fetch(`${batched.url}/metrics`)).text();
    expect(metrics).toMatch(
      /modelhub_runner_batch_size_bucket\{le="16",model="modelhub\.ppocr-direction-classifier@2\.0\.0"\}/,
    );
    expect(metrics).toContain('modelhub_runner_loaded_models 1');
  });

  it('refuses work beyond the queue limit with 429, RESOURCE_EXHAUSTED and Retry-After', async () => {
    // Nothing leaves this queue for a second, so it fills: 3 one-row requests fit, no more.
    const small = await start({ maxBatchSize: 64, maxQueueDelayMs: 1000, maxQueueItems: 3 });
    await infer(small.url, { inputs: [image(1, 0)] }); // load the model first
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => infer(small.url, { inputs: [image(1, i)] })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 429, 429, 429]);
    const refused = results.find((r) => r.status === 429)!;
    expect(refused.body.code).toBe('RESOURCE_EXHAUSTED');
    expect(refused.headers.get('retry-after')).toBe('1');
  });

  it('finishes requests in flight when it drains', async () => {
    const draining = await start({ maxBatchSize: 8, maxQueueDelayMs: 100 });
    await infer(draining.url, { inputs: [image(1, 0)] });
    const inFlight = Array.from({ length: 6 }, (_, i) =>
      infer(draining.url, { inputs: [image(1, i)] }),
    );
    await new Promise((r) => setTimeout(r, 20));
    await draining.close();
    runners.splice(runners.indexOf(draining), 1);
    expect((await Promise.all(inFlight)).map((r) => r.status)).toEqual([
      200, 200, 200, 200, 200, 200,
    ]);
  });
});

describe('binary tensor data extension', () => {
  it('answers a binary request with binary outputs equal to the JSON answer', async () => {
    const runner = runners[0] ?? (await start({}));
    const request: InferRequest = {
      inputs: [image(2, 7)],
      outputs: [{ name: 'softmax_0.tmp_0', parameters: { binary_data: true } }],
    };
    const encoded = encodeInferRequestBody(request, 'all');
    const res = await fetch(`${runner.url}/v2/models/${CLS}/infer`, {
      method: 'POST',
      headers: {
        'content-type': 'application/octet-stream',
        [INFERENCE_HEADER_CONTENT_LENGTH]: String(encoded.headerLength),
      },
      body: encoded.body,
    });
    expect(res.status).toBe(200);
    const headerLength = Number(res.headers.get(INFERENCE_HEADER_CONTENT_LENGTH));
    const decoded = decodeInferResponseBody(Buffer.from(await res.arrayBuffer()), headerLength);
    const json = (await infer(runner.url, { inputs: [image(2, 7)] })).body;
    expect(decoded.outputs[0]!.shape).toEqual([2, 2]);
    (decoded.outputs[0]!.data as number[]).forEach((v, j) =>
      expect(v).toBeCloseTo(json.outputs[0].data[j], 5),
    );
  });

  it.each([
    ['a header length beyond the body', (len: number) => String(len + 10_000_000)],
    ['a header length that is not a number', () => 'abc'],
    ['a header length that cuts the JSON', () => '5'],
  ])('answers %s with 400 INVALID_ARGUMENT', async (_what, header) => {
    const runner = runners[0]!;
    const encoded = encodeInferRequestBody({ inputs: [image(1, 1)] }, 'all');
    const res = await fetch(`${runner.url}/v2/models/${CLS}/infer`, {
      method: 'POST',
      headers: {
        'content-type': 'application/octet-stream',
        [INFERENCE_HEADER_CONTENT_LENGTH]: header(encoded.headerLength!),
      },
      body: encoded.body,
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).code).toBe('INVALID_ARGUMENT');
    expect((await infer(runner.url, { inputs: [image(1, 2)] })).status).toBe(200);
  });

  it('answers a body whose binary part is shorter than declared with 400', async () => {
    const runner = runners[0]!;
    const encoded = encodeInferRequestBody({ inputs: [image(1, 1)] }, 'all');
    const res = await fetch(`${runner.url}/v2/models/${CLS}/infer`, {
      method: 'POST',
      headers: {
        'content-type': 'application/octet-stream',
        [INFERENCE_HEADER_CONTENT_LENGTH]: String(encoded.headerLength),
      },
      body: encoded.body.subarray(0, encoded.body.length - 8),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).code).toBe('INVALID_ARGUMENT');
    expect((await infer(runner.url, { inputs: [image(1, 2)] })).status).toBe(200);
  });
});
