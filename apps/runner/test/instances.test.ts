// Several onnxruntime sessions ("instances") per model: batches of one model run at once, one per
// idle instance, and every caller still gets exactly its own rows. Real classifier and detector.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalArtifactStore } from '@modelhub/artifact-store';
import { seedBaseData } from '@modelhub/db';
import { createTestDatabase, type TestDatabase } from '@modelhub/db/testing';
import type { InferInputTensor } from '@modelhub/inference';
import { seedOcrModels } from './seed-ocr-models.ts';
import { loadOnnxModel, type OnnxModel } from '@modelhub/runner-onnx';
import pino from 'pino';
import { startRunner, type RunningRunner } from '../src/index.ts';

const CLS = 'modelhub.ppocr-direction-classifier';
const DET = 'modelhub.ppocr-v4-detection';
const REC = 'modelhub.ppocr-v4-recognition';
let database: TestDatabase;
let dir: string;
let runner: RunningRunner;
/** the classifier as one plain session, for the expected per-request results */
let reference: OnnxModel;

const image = (rows: number, seed: number, [h, w] = [48, 192]): InferInputTensor => ({
  name: 'x',
  datatype: 'FP32',
  shape: [rows, 3, h, w],
  data: Array.from({ length: rows * 3 * h * w }, (_, i) => Math.sin(i * 0.011 * (seed + 1)) * 0.9),
});

const setRuntimeConfig = (slug: string, runtimeConfig: object) =>
  database.db.modelVersion.updateMany({ where: { model: { slug } }, data: { runtimeConfig } });

async function post(p: string, body: unknown) {
  const res = await fetch(`${runner.url}${p}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), 'runner-instances-'));
  const store = new LocalArtifactStore(dir);
  await seedBaseData(database.db);
  await seedOcrModels(database.db, store);
  // The classifier asks for 2 instances; the detector takes the runner's default of 3.
  await setRuntimeConfig('ppocr-direction-classifier', {
    instances: 2,
    warmup: { inputs: [{ name: 'x', shape: [1, 3, 48, 192] }] },
  });
  const cls = await database.db.modelVersion.findFirstOrThrow({
    where: { model: { slug: 'ppocr-direction-classifier' } },
  });
  reference = await loadOnnxModel(await store.getVerified(cls.artifactKey, cls.sha256));
  runner = await startRunner({
    databaseUrl: database.url,
    artifactRoot: dir,
    port: 0,
    logger: pino({ level: 'silent' }),
    instancesPerModel: 3,
    batching: { maxBatchSize: 2, maxQueueDelayMs: 5 },
  });
});
afterAll(async () => {
  await runner?.close();
  await reference?.dispose();
  await database.drop();
  await rm(dir, { recursive: true, force: true });
});

describe('model instances', () => {
  it.each([
    [CLS, 2, [48, 192]],
    [DET, 3, [32, 32]],
  ] as const)(
    'runs as many batches of %s at once as it has instances (%i), never more',
    async (name, instances, hw) => {
      const model = await runner.models.get(name);
      expect(model.instanceCount).toBe(instances);
      // Submitted in one tick with 2 rows per batch: the batcher forms 6 batches at once and
      // may start one per instance; the rest wait for an instance to come back.
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => model.infer([image(1, i, [...hw])])),
      );
      const concurrent = results.map((r) => r.concurrentBatches);
      expect(Math.max(...concurrent)).toBe(instances);
      expect(new Set(results.map((r) => r.instance))).toEqual(
        new Set(Array.from({ length: instances }, (_, i) => i)),
      );
      expect(results.every((r) => r.batchSize === 2)).toBe(true);
      expect(model.busyInstances).toBe(0);
    },
  );

  it('gives every concurrent caller exactly its own rows over HTTP', async () => {
    const requests = Array.from({ length: 24 }, (_, i) => ({
      id: `req-${i}`,
      inputs: [image((i % 3) + 1, i)],
    }));
    const responses = await Promise.all(requests.map((r) => post(`/v2/models/${CLS}/infer`, r)));
    for (const [i, res] of responses.entries()) {
      expect(res.status).toBe(200);
      expect(res.body.id).toBe(`req-${i}`);
      const [want] = await reference.run(requests[i]!.inputs);
      expect(res.body.outputs[0].shape).toEqual(want!.shape);
      (res.body.outputs[0].data as number[]).forEach((v, j) =>
        expect(v).toBeCloseTo((want!.data as number[])[j]!, 5),
      );
    }
    // a request larger than the batch limit runs alone; smaller ones share up to 2 rows
    responses.forEach((res, i) => {
      const rows = (i % 3) + 1;
      expect(res.body.parameters.batch_size).toBeGreaterThanOrEqual(rows);
      expect(res.body.parameters.batch_size).toBeLessThanOrEqual(Math.max(2, rows));
    });
  });

  it('reports instances in the repository index and the metrics', async () => {
    const index = (await (
      await fetch(`${runner.url}/v2/repository/index`, { method: 'POST' })
    ).json()) as { name: string; instances: number; memory_bytes: number }[];
    const byName = new Map(index.map((m) => [m.name, m]));
    expect(byName.get(CLS)?.instances).toBe(2);
    expect(byName.get(DET)?.instances).toBe(3);
    // the floor counts every instance's weights
    const cls = await database.db.modelVersion.findFirstOrThrow({
      where: { model: { slug: 'ppocr-direction-classifier' } },
    });
    expect(byName.get(CLS)!.memory_bytes).toBeGreaterThanOrEqual(2 * Number(cls.sizeBytes));
    const metrics = await (await fetch(`${runner.url}/metrics`)).text();
    expect(metrics).toContain(`modelhub_runner_model_instances{model="${CLS}@2.0.0"} 2`);
    expect(metrics).toContain(`modelhub_runner_model_instances{model="${DET}@4.0.0"} 3`);
    expect(metrics).toContain(`modelhub_runner_model_busy_instances{model="${CLS}@2.0.0"} 0`);
  });

  it.each([
    ['0', 0],
    ['a fraction', 1.5],
    ['a string', '2'],
    ['more than 64', 65],
  ])(
    'refuses to serve a version whose runtimeConfig.instances is %s, and recovers once it is fixed',
    async (_what, instances) => {
      await setRuntimeConfig('ppocr-v4-recognition', { instances });
      const input = { inputs: [image(1, 0, [48, 320])] };
      const res = await post(`/v2/models/${REC}/infer`, input);
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('UNAVAILABLE');
      expect(res.body.error).toMatch(/runtimeConfig\.instances/);
      expect(res.body.details.reason).toBe('INVALID_RUNTIME_CONFIG');
      const rec = await database.db.modelVersion.findFirstOrThrow({
        where: { model: { slug: 'ppocr-v4-recognition' } },
      });
      const state = await database.db.runnerModel.findUniqueOrThrow({
        where: { runnerId_modelVersionId: { runnerId: runner.runnerId, modelVersionId: rec.id } },
      });
      expect(state.state).toBe('FAILED');
      expect(state.error).toMatch(/runtimeConfig\.instances/);
      expect(runner.models.list().map((m) => m.name)).not.toContain(REC);
      // other models keep serving
      expect((await post(`/v2/models/${CLS}/infer`, { inputs: [image(1, 1)] })).status).toBe(200);

      await setRuntimeConfig('ppocr-v4-recognition', { instances: 1 });
      expect((await post(`/v2/models/${REC}/infer`, input)).status).toBe(200);
      expect((await runner.models.get(REC)).instanceCount).toBe(1);
      await runner.models.unload(REC);
    },
  );
});
