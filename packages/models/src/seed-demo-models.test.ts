import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalArtifactStore } from '@modelhub/artifact-store';
import { seedBaseData } from '@modelhub/db';
import { createTestDatabase, type TestDatabase } from '@modelhub/db/testing';
import { DEMO_MODELS, OCR_CLASSIFIER } from './demo-zoo.ts';
import { seedDemoModels } from './seed-demo-models.ts';

describe('seedDemoModels', () => {
  let database: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    dir = await mkdtemp(path.join(os.tmpdir(), 'zoo-'));
  });
  afterAll(async () => {
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('publishes the zoo once, with signatures read from the ONNX files and a price each', async () => {
    const store = new LocalArtifactStore(dir);
    await seedBaseData(database.db);
    expect(await seedDemoModels(database.db, store)).toEqual({ published: DEMO_MODELS.length });
    expect(await seedDemoModels(database.db, store)).toEqual({ published: 0 });

    const versions = await database.db.modelVersion.findMany({
      include: { model: true, prices: true },
    });
    expect(versions).toHaveLength(DEMO_MODELS.length);
    for (const v of versions) {
      expect(v.status).toBe('PUBLISHED');
      expect(v.model.visibility).toBe('PUBLIC');
      expect(v.prices).toHaveLength(1);
      expect(await store.getVerified(v.artifactKey, v.sha256)).toHaveLength(Number(v.sizeBytes));
    }
    const cls = versions.find((v) => v.model.slug === OCR_CLASSIFIER.slug)!;
    expect(cls.inputs).toEqual([{ name: 'x', datatype: 'FP32', shape: [-1, 3, -1, -1] }]);
    expect(cls.outputs).toEqual([{ name: 'softmax_0.tmp_0', datatype: 'FP32', shape: [-1, 2] }]);
  });
});
