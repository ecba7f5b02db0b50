// A model named without a version resolves to the latest published one, re-checked in the
// registry every `latestTtlMs`. Requests that find that resolution expired at the same time must
// share one registry query: under load every expiry otherwise turned into one query per request
// in flight.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalArtifactStore } from '@modelhub/artifact-store';
import { seedBaseData, type Db } from '@modelhub/db';
import { createTestDatabase, type TestDatabase } from '@modelhub/db/testing';
import { InferenceError } from '@modelhub/inference';
import pino from 'pino';
import { ModelRepository } from '../src/model-repository.ts';
import { seedOcrModels } from './seed-ocr-models.ts';

const CLS = 'modelhub.ppocr-direction-classifier';
const TTL_MS = 50;
let database: TestDatabase;
let dir: string;
let repository: ModelRepository;
/** registry queries for the published versions of a model: one per resolution of a name */
let versionLookups = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), 'runner-resolve-'));
  await seedBaseData(database.db);
  const store = new LocalArtifactStore(dir);
  await seedOcrModels(database.db, store);
  const counted = database.db.$extends({
    query: {
      modelVersion: {
        findMany({ args, query }) {
          versionLookups++;
          return query(args);
        },
      },
    },
  });
  repository = new ModelRepository({
    db: counted as unknown as Db,
    store,
    runnerId: () => null,
    executionProviders: ['cpu'],
    batching: { enabled: true, maxBatchSize: 8, maxQueueDelayMs: 0, maxQueueItems: 64 },
    logger: pino({ level: 'silent' }),
    latestTtlMs: TTL_MS,
  });
});
afterAll(async () => {
  await repository?.unload(CLS);
  await database.drop();
  await rm(dir, { recursive: true, force: true });
});

const expire = () => new Promise((resolve) => setTimeout(resolve, TTL_MS + 20));

describe('resolving a model name without a version', () => {
  it('queries the registry once for requests that miss together, and again after the ttl', async () => {
    const first = await Promise.all(Array.from({ length: 10 }, () => repository.get(CLS)));
    expect(new Set(first).size).toBe(1);
    expect(versionLookups).toBe(1);

    // within the ttl: no query at all
    await repository.get(CLS);
    expect(versionLookups).toBe(1);

    await expire();
    const again = await Promise.all(Array.from({ length: 20 }, () => repository.get(CLS)));
    expect(again.every((model) => model === first[0])).toBe(true);
    expect(versionLookups).toBe(2);
  });

  it('gives every waiter the same NOT_FOUND, and does not remember the failure', async () => {
    const before = versionLookups;
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => repository.get('modelhub.no-such-model')),
    );
    for (const result of results) {
      expect(result.status).toBe('rejected');
      const reason = (result as PromiseRejectedResult).reason as InferenceError;
      expect(reason).toBeInstanceOf(InferenceError);
      expect(reason.code).toBe('NOT_FOUND');
    }
    expect(versionLookups).toBe(before + 1);

    await expect(repository.get('modelhub.no-such-model')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(versionLookups).toBe(before + 2);
  });
});
