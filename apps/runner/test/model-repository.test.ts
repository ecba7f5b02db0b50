// Memory budget with LRU eviction, the repository extension (index, load, unload) and warm-up,
// on the three real demo models (sizes: classifier 0.6 MB, detector 4.7 MB, recognizer 10.8 MB;
// a session is counted as twice its file).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalArtifactStore } from '@modelhub/artifact-store';
import { seedBaseData } from '@modelhub/db';
import { createTestDatabase, type TestDatabase } from '@modelhub/db/testing';
import { seedDemoModels } from '@modelhub/models';
import pino from 'pino';
import { startRunner, type RunningRunner } from '../src/index.ts';

const CLS = 'modelhub.ppocr-direction-classifier';
const DET = 'modelhub.ppocr-v4-detection';
const REC = 'modelhub.ppocr-v4-recognition';
let database: TestDatabase;
let dir: string;
let runner: RunningRunner;
const logs: { msg: string; model?: string }[] = [];

const zeros = (shape: number[]) => ({
  name: 'x',
  datatype: 'FP32',
  shape,
  data: new Array<number>(shape.reduce((a, b) => a * b, 1)).fill(0.1),
});
async function infer(name: string, shape: number[]) {
  const res = await fetch(`${runner.url}/v2/models/${name}/infer`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ inputs: [zeros(shape)] }),
  });
  const body = (await res.json()) as { error?: string };
  return { status: res.status, body };
}
const post = (p: string, body?: unknown) =>
  fetch(`${runner.url}${p}`, {
    method: 'POST',
    ...(body
      ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }
      : {}),
  });
const index = async () =>
  ((await (await post('/v2/repository/index')).json()) as { name: string }[])
    .map((m) => m.name)
    .sort();

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), 'runner-repo-'));
  await seedBaseData(database.db);
  await seedDemoModels(database.db, new LocalArtifactStore(dir));
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(JSON.parse(chunk.toString()) as { msg: string; model?: string });
      done();
    },
  });
  runner = await startRunner({
    databaseUrl: database.url,
    artifactRoot: dir,
    port: 0,
    logger: pino({ level: 'info' }, sink),
    // classifier + recognizer fit (22.8 MB); the detector beside the recognizer does not (31 MB)
    memoryBudgetBytes: 23_000_000,
  });
});
afterAll(async () => {
  await runner?.close();
  await database.drop();
  await rm(dir, { recursive: true, force: true });
});

describe('model repository', () => {
  it('evicts the least recently used idle models to stay inside its memory budget', async () => {
    expect((await infer(CLS, [1, 3, 48, 192])).status).toBe(200);
    expect((await infer(REC, [1, 3, 48, 320])).status).toBe(200);
    expect(await index()).toEqual([CLS, REC]);
    expect((await infer(DET, [1, 3, 64, 64])).status).toBe(200);
    expect(await index()).toEqual([DET]);
    expect(runner.models.memoryBytes).toBeLessThanOrEqual(23_000_000);
    const metrics = await (await fetch(`${runner.url}/metrics`)).text();
    expect(metrics).toMatch(
      new RegExp(`modelhub_runner_evictions_total\\{model="${CLS}@2.0.0"\\} 1`),
    );
    expect(metrics).toMatch(
      new RegExp(`modelhub_runner_evictions_total\\{model="${REC}@4.0.0"\\} 1`),
    );
    expect(metrics).toContain('modelhub_runner_loaded_models 1');
    const held = await database.db.runnerModel.findMany({
      where: { runnerId: runner.runnerId },
      include: { modelVersion: { include: { model: true } } },
    });
    expect(held.map((h) => h.modelVersion.model.slug)).toEqual(['ppocr-v4-detection']);
  });

  it('loads and unloads on request (the repository extension)', async () => {
    const loaded = await post(`/v2/repository/models/${CLS}/load`, {
      parameters: { version: '2.0.0' },
    });
    expect(await loaded.json()).toEqual({ name: CLS, version: '2.0.0', state: 'READY' });
    expect(await index()).toEqual([CLS, DET]);
    const unloaded = await post(`/v2/repository/models/${DET}/unload`);
    expect(await unloaded.json()).toEqual({ name: DET, state: 'UNAVAILABLE' });
    expect(await index()).toEqual([CLS]);
    const again = await post(`/v2/repository/models/${DET}/unload`);
    expect(again.status).toBe(404);
    expect(((await again.json()) as { code: string }).code).toBe('NOT_FOUND');
    const unknown = await post('/v2/repository/models/modelhub.nope/load');
    expect(unknown.status).toBe(404);
    await unknown.body?.cancel();
  });

  it('refuses a model larger than the whole budget with 429', async () => {
    await database.db.modelVersion.updateMany({
      where: { model: { slug: 'ppocr-v4-detection' } },
      data: { sizeBytes: 50_000_000n },
    });
    const res = await infer(DET, [1, 3, 64, 64]);
    expect(res.status).toBe(429);
    expect(res.body.error).toMatch(/memory budget/);
  });

  it('warms a model up on load with its declared shapes, and survives a warm-up that fails', async () => {
    await (await post(`/v2/repository/models/${CLS}/unload`)).json();
    await database.db.modelVersion.updateMany({
      where: { model: { slug: 'ppocr-direction-classifier' } },
      data: { runtimeConfig: { warmup: { inputs: [{ name: 'x', shape: [1, 7, 48, 192] }] } } },
    });
    // the declared (wrong) warm-up shape reaches onnxruntime, which rejects it: proof it ran
    expect((await infer(CLS, [1, 3, 48, 192])).status).toBe(200);
    expect(logs.some((l) => l.msg === 'warm-up run failed' && l.model === CLS)).toBe(true);
  });
});
