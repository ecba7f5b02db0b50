import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalArtifactStore } from '@modelhub/artifact-store';
import { seedBaseData } from '@modelhub/db';
import { createTestDatabase, type TestDatabase } from '@modelhub/db/testing';
import { seedOcrModels } from './seed-ocr-models.ts';
import pino from 'pino';
import { startRunner, type RunningRunner } from '../src/index.ts';

const CLS = 'modelhub.ppocr-direction-classifier';
let database: TestDatabase;
let dir: string;
let runner: RunningRunner;

const image = (batch = 1) => ({
  name: 'x',
  datatype: 'FP32',
  shape: [batch, 3, 48, 192],
  data: Array.from({ length: batch * 3 * 48 * 192 }, (_, i) => Math.cos(i) * 0.5),
});

async function post(p: string, body: unknown) {
  const res = await fetch(`${runner.url}${p}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), 'runner-test-'));
  await seedBaseData(database.db);
  await seedOcrModels(database.db, new LocalArtifactStore(dir));
  runner = await startRunner({
    databaseUrl: database.url,
    artifactRoot: dir,
    port: 0,
    heartbeatMs: 200,
    maxBodyBytes: 2 * 1024 * 1024,
    logger: pino({ level: 'silent' }),
  });
});

afterAll(async () => {
  await runner?.close();
  await database.drop();
  await rm(dir, { recursive: true, force: true });
});

describe('runner (KServe v2 over HTTP)', () => {
  it('answers health, server and model metadata', async () => {
    expect((await fetch(`${runner.url}/v2/health/live`)).status).toBe(200);
    expect((await fetch(`${runner.url}/v2/health/ready`)).status).toBe(200);
    expect(await (await fetch(`${runner.url}/v2`)).json()).toMatchObject({
      name: 'modelhub-runner',
    });
    const meta = await (await fetch(`${runner.url}/v2/models/${CLS}`)).json();
    expect(meta).toEqual({
      name: CLS,
      versions: ['2.0.0'],
      platform: 'onnxruntime_onnx',
      inputs: [{ name: 'x', datatype: 'FP32', shape: [-1, 3, -1, -1] }],
      outputs: [{ name: 'softmax_0.tmp_0', datatype: 'FP32', shape: [-1, 2] }],
    });
    expect((await fetch(`${runner.url}/v2/models/${CLS}/versions/2.0.0`)).status).toBe(200);
  });

  it('registers itself and heartbeats', async () => {
    const before = await database.db.runner.findUniqueOrThrow({ where: { id: runner.runnerId } });
    expect(before.status).toBe('READY');
    await new Promise((r) => setTimeout(r, 500));
    const after = await database.db.runner.findUniqueOrThrow({ where: { id: runner.runnerId } });
    expect(after.lastHeartbeatAt.getTime()).toBeGreaterThan(before.lastHeartbeatAt.getTime());
  });

  it('runs the real classifier, loading it once for concurrent first requests', async () => {
    const results = await Promise.all(
      [1, 2, 3].map((b) => post(`/v2/models/${CLS}/infer`, { id: `r${b}`, inputs: [image(b)] })),
    );
    results.forEach(({ status, body }, i) => {
      expect(status).toBe(200);
      expect(body.id).toBe(`r${i + 1}`);
      expect(body.model_version).toBe('2.0.0');
      expect(body.outputs[0].shape).toEqual([i + 1, 2]);
      expect(body.outputs[0].data[0] + body.outputs[0].data[1]).toBeCloseTo(1, 4);
      expect(body.parameters.compute_ms).toBeGreaterThan(0);
    });
    expect(runner.models.list()).toHaveLength(1);
    const state = await database.db.runnerModel.findMany({ where: { runnerId: runner.runnerId } });
    expect(state.map((s) => s.state)).toEqual(['READY']);
    expect((await fetch(`${runner.url}/v2/models/${CLS}/ready`)).status).toBe(200);
  });

  it.each([
    [
      'a wrong shape',
      { inputs: [{ ...image(), shape: [1, 1, 48, 192] }] },
      400,
      'INVALID_ARGUMENT',
      /expected inputs x: FP32\[\?,3,\?,\?\]/,
    ],
    [
      'a wrong dtype',
      { inputs: [{ ...image(), datatype: 'INT32' }] },
      400,
      'INVALID_ARGUMENT',
      /datatype INT32/,
    ],
    [
      'a lying data length',
      { inputs: [{ ...image(), data: [1, 2, 3] }] },
      400,
      'INVALID_ARGUMENT',
      /3 data elements/,
    ],
    [
      'an unknown output',
      { inputs: [image()], outputs: [{ name: 'logits' }] },
      400,
      'INVALID_ARGUMENT',
      /unknown output/,
    ],
    ['a body that is not JSON', '{"inputs": [', 400, 'INVALID_ARGUMENT', /./],
    ['no inputs', { inputs: [] }, 400, 'INVALID_ARGUMENT', /inputs/],
    ['a body over the limit', { inputs: [image(8)] }, 413, 'PAYLOAD_TOO_LARGE', /too large/],
  ])(
    'answers %s with a typed 4xx and keeps serving',
    async (_what, body, status, code, message) => {
      const res = await post(`/v2/models/${CLS}/infer`, body);
      expect(res.status).toBe(status);
      expect(res.body.code).toBe(code);
      expect(res.body.error).toMatch(message);
      expect((await post(`/v2/models/${CLS}/infer`, { inputs: [image()] })).status).toBe(200);
    },
  );

  it('answers unknown models and versions with 404', async () => {
    expect((await post('/v2/models/modelhub.nope/infer', { inputs: [image()] })).body.code).toBe(
      'NOT_FOUND',
    );
    expect(
      (await post(`/v2/models/${CLS}/versions/9.9.9/infer`, { inputs: [image()] })).status,
    ).toBe(404);
    expect((await post('/v2/models/not a name/infer', { inputs: [image()] })).status).toBe(404);
  });

  it('refuses an artifact whose bytes were tampered with, and keeps serving others', async () => {
    const det = await database.db.modelVersion.findFirstOrThrow({
      where: { model: { slug: 'ppocr-v4-detection' } },
    });
    await writeFile(path.join(dir, det.artifactKey), 'tampered');
    const res = await post('/v2/models/modelhub.ppocr-v4-detection/infer', {
      inputs: [
        {
          name: 'x',
          datatype: 'FP32',
          shape: [1, 3, 32, 32],
          data: new Array(3 * 32 * 32).fill(0),
        },
      ],
    });
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('UNAVAILABLE');
    const state = await database.db.runnerModel.findFirstOrThrow({
      where: { runnerId: runner.runnerId, modelVersionId: det.id },
    });
    expect(state.state).toBe('FAILED');
    expect(state.error).toMatch(/sha256/);
    expect((await post(`/v2/models/${CLS}/infer`, { inputs: [image()] })).status).toBe(200);
  });
});
