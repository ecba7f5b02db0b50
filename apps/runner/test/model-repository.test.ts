// Memory budget with LRU eviction over measured model sizes, the repository extension (index,
// load, unload) and warm-up, on the three real demo models (files: classifier 0.6 MB, detector
// 4.7 MB, recognizer 10.8 MB). Each load is measured as RSS growth; the floor (8 bytes per file
// byte here) makes the cycling outcome independent of how noisy that measurement is: the
// detector (>= 38 MB) and the recognizer (>= 86.6 MB) never fit the 100 MB budget together. A
// warm-up at a large shape then makes a measurement, not a floor, exceed the budget.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalArtifactStore } from '@modelhub/artifact-store';
import { seedBaseData } from '@modelhub/db';
import { createTestDatabase, type TestDatabase } from '@modelhub/db/testing';
import { seedOcrModels } from './seed-ocr-models.ts';
import pino from 'pino';
import { startRunner, type RunningRunner } from '../src/index.ts';

const CLS = 'modelhub.ppocr-direction-classifier';
const DET = 'modelhub.ppocr-v4-detection';
const REC = 'modelhub.ppocr-v4-recognition';
const SHAPES: Record<string, number[]> = {
  [CLS]: [1, 3, 48, 192],
  [DET]: [1, 3, 64, 64],
  [REC]: [1, 3, 48, 320],
};
const BUDGET = 100_000_000;
const FLOOR_PER_BYTE = 8;
let database: TestDatabase;
let dir: string;
let runner: RunningRunner;
const logs: { msg: string; model?: string }[] = [];
/** file size of each demo model, by v2 name */
const fileBytes: Record<string, number> = {};

interface IndexEntry {
  name: string;
  version: string;
  state: string;
  instances: number;
  memory_bytes: number;
}

const zeros = (shape: number[]) => ({
  name: 'x',
  datatype: 'FP32',
  shape,
  data: new Array<number>(shape.reduce((a, b) => a * b, 1)).fill(0.1),
});
async function infer(name: string, shape = SHAPES[name]!) {
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
const entries = async () =>
  ((await (await post('/v2/repository/index')).json()) as IndexEntry[]).sort((a, b) =>
    a.name.localeCompare(b.name),
  );
const index = async () => (await entries()).map((m) => m.name);
const metricsText = async () => (await fetch(`${runner.url}/metrics`)).text();
/** the value of one sample in Prometheus text, 0 when absent */
function sample(text: string, metric: string, model?: string): number {
  const labels = model ? `\\{model="${model.replace(/\./g, '\\.')}@[^"]+"\\}` : '';
  const match = new RegExp(`^${metric}${labels} (\\S+)$`, 'm').exec(text);
  return match ? Number(match[1]) : 0;
}

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), 'runner-repo-'));
  await seedBaseData(database.db);
  await seedOcrModels(database.db, new LocalArtifactStore(dir));
  for (const v of await database.db.modelVersion.findMany({ include: { model: true } }))
    fileBytes[`modelhub.${v.model.slug}`] = Number(v.sizeBytes);
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
    memoryBudgetBytes: BUDGET,
    memoryFloorPerArtifactByte: FLOOR_PER_BYTE,
  });
});
afterAll(async () => {
  await runner?.close();
  await database.drop();
  await rm(dir, { recursive: true, force: true });
});

describe('model repository', () => {
  it('keeps the measured sizes of loaded models inside the budget while cycling through more than fit', async () => {
    const evictedSeen: Record<string, number> = {};
    let before: string[] = [];
    /** model names, least recently used first */
    const recency: string[] = [];
    for (const name of [CLS, DET, REC, CLS, DET, REC, DET]) {
      const logStart = logs.length;
      expect((await infer(name)).status).toBe(200);
      const loaded = await entries();
      const names = loaded.map((m) => m.name);
      expect(names).toContain(name);
      // every size is at least its floor, and the loaded total is inside the budget
      for (const m of loaded) {
        expect(m.instances).toBe(1);
        expect(m.memory_bytes).toBeGreaterThanOrEqual(fileBytes[m.name]! * FLOOR_PER_BYTE);
      }
      const total = loaded.reduce((n, m) => n + m.memory_bytes, 0);
      expect(total).toBeLessThanOrEqual(BUDGET);
      expect(runner.models.memoryBytes).toBe(total);
      expect(names.includes(DET) && names.includes(REC)).toBe(false);
      // what left the index was evicted, least recently used first
      const gone = before.filter((n) => !names.includes(n));
      for (const n of gone) evictedSeen[n] = (evictedSeen[n] ?? 0) + 1;
      const evictionLogs = logs
        .slice(logStart)
        .filter((l) => l.msg === 'evicting model to make room')
        .map((l) => l.model);
      expect(evictionLogs).toEqual(gone.sort((a, b) => recency.indexOf(a) - recency.indexOf(b)));
      before = names;
      if (recency.includes(name)) recency.splice(recency.indexOf(name), 1);
      recency.push(name);
      // the metrics tell the same sizes
      const text = await metricsText();
      expect(sample(text, 'modelhub_runner_loaded_models_memory_bytes')).toBe(total);
      for (const m of loaded)
        expect(sample(text, 'modelhub_runner_model_memory_bytes', m.name)).toBe(m.memory_bytes);
    }
    // DET and REC alternate three times, so at least three evictions happened
    const text = await metricsText();
    let evictions = 0;
    for (const name of [CLS, DET, REC]) {
      const counted = sample(text, 'modelhub_runner_evictions_total', name);
      expect(counted).toBe(evictedSeen[name] ?? 0);
      evictions += counted;
    }
    expect(evictions).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'modelhub_runner_memory_budget_bytes')).toBe(BUDGET);
    const held = await database.db.runnerModel.findMany({
      where: { runnerId: runner.runnerId },
      include: { modelVersion: { include: { model: true } } },
    });
    expect(held.map((h) => `modelhub.${h.modelVersion.model.slug}`).sort()).toEqual(await index());
  });

  it('loads and unloads on request (the repository extension)', async () => {
    for (const name of await index())
      await (await post(`/v2/repository/models/${name}/unload`)).text();
    expect(await index()).toEqual([]);
    const loaded = await post(`/v2/repository/models/${CLS}/load`, {
      parameters: { version: '2.0.0' },
    });
    expect(await loaded.json()).toEqual({ name: CLS, version: '2.0.0', state: 'READY' });
    await (await post(`/v2/repository/models/${DET}/load`)).text();
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

  it('refuses a model whose measured size exceeds the budget, even though its floor fits', async () => {
    // A warm-up at 960x960 leaves onnxruntime's activation arena far above the 38 MB floor.
    await database.db.modelVersion.updateMany({
      where: { model: { slug: 'ppocr-v4-detection' } },
      data: { runtimeConfig: { warmup: { inputs: [{ name: 'x', shape: [1, 3, 960, 960] }] } } },
    });
    const released = () =>
      logs.filter((l) => l.msg === 'model does not fit once measured; released');
    const first = await infer(DET);
    expect(first.status).toBe(429);
    expect(first.body.error).toMatch(/memory budget/);
    const details = (first.body as { details: { neededBytes: number } }).details;
    expect(details.neededBytes).toBeGreaterThan(BUDGET);
    expect(released().map((l) => l.model)).toEqual([DET]);
    expect(await index()).not.toContain(DET);
    const det = await database.db.modelVersion.findFirstOrThrow({
      where: { model: { slug: 'ppocr-v4-detection' } },
    });
    expect(
      await database.db.runnerModel.count({
        where: { runnerId: runner.runnerId, modelVersionId: det.id },
      }),
    ).toBe(0);
    // the measurement is remembered: the next request is refused before loading anything
    const second = await infer(DET);
    expect(second.status).toBe(429);
    expect(released()).toHaveLength(1);
    expect((await infer(CLS)).status).toBe(200);
  });

  it('refuses a model whose floor alone is larger than the whole budget, before loading it', async () => {
    await database.db.modelVersion.updateMany({
      where: { model: { slug: 'ppocr-v4-recognition' } },
      data: { sizeBytes: 50_000_000n },
    });
    const res = await infer(REC);
    expect(res.status).toBe(429);
    expect(res.body.error).toMatch(/needs about 400000000 bytes, more than .* memory budget/);
    expect(await index()).not.toContain(REC);
  });

  it('warms a model up on load with its declared shapes, and survives a warm-up that fails', async () => {
    await (await post(`/v2/repository/models/${CLS}/unload`)).json();
    await database.db.modelVersion.updateMany({
      where: { model: { slug: 'ppocr-direction-classifier' } },
      data: { runtimeConfig: { warmup: { inputs: [{ name: 'x', shape: [1, 7, 48, 192] }] } } },
    });
    // the declared (wrong) warm-up shape reaches onnxruntime, which rejects it: proof it ran
    expect((await infer(CLS)).status).toBe(200);
    expect(logs.some((l) => l.msg === 'warm-up run failed' && l.model === CLS)).toBe(true);
  });
});
