// GET /stats: the JSON snapshot the platform admin pages read (loaded models with queue depth,
// instances and memory, totals, process memory), empty before the first load.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalArtifactStore } from '@modelhub/artifact-store';
import { seedBaseData } from '@modelhub/db';
import { createTestDatabase, type TestDatabase } from '@modelhub/db/testing';
import pino from 'pino';
import {
  RUNNER_STATS_PATH,
  startRunner,
  type RunnerStats,
  type RunningRunner,
} from '../src/index.ts';
import { seedOcrModels } from './seed-ocr-models.ts';

const CLS = 'modelhub.ppocr-direction-classifier';
let database: TestDatabase;
let dir: string;
let runner: RunningRunner;

const stats = async () => {
  const res = await fetch(`${runner.url}${RUNNER_STATS_PATH}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return (await res.json()) as RunnerStats;
};

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), 'runner-stats-'));
  await seedBaseData(database.db);
  await seedOcrModels(database.db, new LocalArtifactStore(dir));
  runner = await startRunner({
    databaseUrl: database.url,
    artifactRoot: dir,
    port: 0,
    logger: pino({ level: 'silent' }),
    memoryBudgetBytes: 2_000_000_000,
  });
});
afterAll(async () => {
  await runner?.close();
  await database.drop();
  await rm(dir, { recursive: true, force: true });
});

describe('runner stats', () => {
  it('lists nothing before a model is loaded, with the budget and process memory', async () => {
    const before = await stats();
    expect(before.models).toEqual([]);
    expect(before.loadedModelsMemoryBytes).toBe(0);
    expect(before.memoryBudgetBytes).toBe(2_000_000_000);
    expect(before.process.rssBytes).toBeGreaterThan(0);
    expect(before.process.heapUsedBytes).toBeGreaterThan(0);
  });

  it('shows a loaded model with its version id, idle queue, instances and memory', async () => {
    const res = await fetch(`${runner.url}/v2/repository/models/${CLS}/load`, { method: 'POST' });
    expect(res.status).toBe(200);
    const version = await database.db.modelVersion.findFirstOrThrow({
      where: { model: { slug: 'ppocr-direction-classifier' } },
    });
    const after = await stats();
    expect(after.models).toEqual([
      {
        name: CLS,
        version: version.version,
        modelVersionId: version.id,
        queueDepth: 0,
        instances: 1,
        busyInstances: 0,
        memoryBytes: expect.any(Number),
      },
    ]);
    expect(after.models[0]!.memoryBytes).toBeGreaterThan(0);
    expect(after.loadedModelsMemoryBytes).toBe(after.models[0]!.memoryBytes);
  });
});
