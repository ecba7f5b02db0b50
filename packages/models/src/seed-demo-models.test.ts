import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalArtifactStore } from '@modelhub/artifact-store';
import { seedBaseData, type Db } from '@modelhub/db';
import { createTestDatabase, type TestDatabase } from '@modelhub/db/testing';
import { loadOnnxModel } from '@modelhub/runner-onnx';
import {
  DEMO_MODELS,
  OCR_CLASSIFIER,
  OCR_DETECTOR,
  OCR_RECOGNIZER,
  WAKE_WORD_HELLO_DEEPA,
} from './demo-zoo.ts';
import { MNIST_CLASSIFIER, MNIST_EVALUATION_DATASET } from './mnist/mnist-zoo-entry.ts';
import { seedDemoModels } from './seed-demo-models.ts';
import { OCR_COMPOSITE } from './composite/ocr-composite-zoo-entry.ts';
import { COMPOSITE_MODELS, ZOO_MODELS } from './zoo-models.ts';

/** Everything the seed writes, to compare two runs. */
async function snapshot(db: Db) {
  return {
    models: await db.model.findMany({ orderBy: { slug: 'asc' } }),
    versions: await db.modelVersion.findMany({ orderBy: { id: 'asc' } }),
    prices: await db.price.findMany({ orderBy: { id: 'asc' } }),
    evaluations: await db.evaluationResult.findMany({ orderBy: { id: 'asc' } }),
  };
}

describe('seedDemoModels', () => {
  let database: TestDatabase;
  let dir: string;
  let store: LocalArtifactStore;
  let modelCacheDir: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    dir = await mkdtemp(path.join(os.tmpdir(), 'zoo-'));
    store = new LocalArtifactStore(path.join(dir, 'artifacts'));
    modelCacheDir = path.join(dir, 'model-cache');
    await seedBaseData(database.db);
  });
  afterAll(async () => {
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('publishes the zoo once, and a second run changes nothing', async () => {
    const options = { modelCacheDir };
    expect(ZOO_MODELS).toHaveLength(DEMO_MODELS.length + 1 + COMPOSITE_MODELS.length);
    expect(await seedDemoModels(database.db, store, options)).toEqual({
      published: ZOO_MODELS.length,
    });
    const [cached] = await readdir(modelCacheDir);
    const cachedAt = (await stat(path.join(modelCacheDir, cached!))).mtimeMs;
    const first = await snapshot(database.db);

    expect(await seedDemoModels(database.db, store, options)).toEqual({ published: 0 });
    expect(await snapshot(database.db)).toEqual(first);
    // not trained again
    expect(await readdir(modelCacheDir)).toEqual([cached]);
    expect((await stat(path.join(modelCacheDir, cached!))).mtimeMs).toBe(cachedAt);
  }, 120_000);

  it('publishes every entry with signatures read from the ONNX files and a price each', async () => {
    const versions = await database.db.modelVersion.findMany({
      include: { model: true, prices: true },
    });
    expect(versions.map((v) => v.model.slug).sort()).toEqual(ZOO_MODELS.map((m) => m.slug).sort());
    const composites = new Set(COMPOSITE_MODELS.map((m) => m.slug));
    for (const v of versions) {
      expect(v.status).toBe('PUBLISHED');
      expect(v.model.visibility).toBe('PUBLIC');
      expect(v.prices).toHaveLength(1);
      expect(v.prices[0]!.amountMicros).toBeGreaterThan(0n);
      if (!composites.has(v.model.slug)) {
        expect(v.runtimeConfig).toMatchObject({ warmup: { inputs: [expect.anything()] } });
      }
      expect(await store.getVerified(v.artifactKey, v.sha256)).toHaveLength(Number(v.sizeBytes));
    }
    const cls = versions.find((v) => v.model.slug === OCR_CLASSIFIER.slug)!;
    expect(cls.inputs).toEqual([{ name: 'x', datatype: 'FP32', shape: [-1, 3, -1, -1] }]);
    expect(cls.outputs).toEqual([{ name: 'softmax_0.tmp_0', datatype: 'FP32', shape: [-1, 2] }]);
    expect(cls.runtimeConfig).toMatchObject({
      labels: ['0°', '180°'],
      preprocessing: { kind: 'image', width: 192, height: 48, colorOrder: 'BGR' },
    });
  });

  it('publishes the OCR composite as a manifest of the pinned PaddleOCR versions', async () => {
    const v = await database.db.modelVersion.findFirstOrThrow({
      where: { model: { slug: OCR_COMPOSITE.slug } },
      include: { model: true },
    });
    expect(v.model.task).toBe('OCR');
    expect(v).toMatchObject({ producer: 'modelhub-pipeline', inputs: [], outputs: [] });
    expect(v.runtimeConfig).toEqual({
      pipeline: {
        kind: 'ocr',
        detection: `modelhub/${OCR_DETECTOR.slug}@${OCR_DETECTOR.version}`,
        recognition: `modelhub/${OCR_RECOGNIZER.slug}@${OCR_RECOGNIZER.version}`,
        classifier: `modelhub/${OCR_CLASSIFIER.slug}@${OCR_CLASSIFIER.version}`,
      },
    });
    const manifest = JSON.parse(
      (await store.getVerified(v.artifactKey, v.sha256)).toString('utf8'),
    ) as { stages: { role: string; sha256: string }[] };
    for (const [role, entry] of [
      ['detection', OCR_DETECTOR],
      ['classifier', OCR_CLASSIFIER],
      ['recognition', OCR_RECOGNIZER],
    ] as const) {
      const stage = await database.db.modelVersion.findFirstOrThrow({
        where: { model: { slug: entry.slug }, version: entry.version },
      });
      expect(manifest.stages.find((s) => s.role === role)?.sha256).toBe(stage.sha256);
    }
  });

  it('publishes the wake-word detector with its fixed window and batching off', async () => {
    const v = await database.db.modelVersion.findFirstOrThrow({
      where: { model: { slug: WAKE_WORD_HELLO_DEEPA.slug } },
      include: { model: true },
    });
    expect(v.model.task).toBe('WAKE_WORD');
    expect(v.inputs).toEqual([{ name: 'onnx::Flatten_0', datatype: 'FP32', shape: [1, 25, 96] }]);
    expect(v.outputs).toEqual([{ name: '39', datatype: 'FP32', shape: [1, 1] }]);
    expect(v.runtimeConfig).toMatchObject({ batching: { enabled: false } });
    expect(v.model.description).toContain('melspectrogram.onnx');
    expect(v.model.description).toContain('openWakeWord');

    // The stored artifact runs on the warm-up shape and answers a probability.
    const warmup = WAKE_WORD_HELLO_DEEPA.runtimeConfig.warmup.inputs[0]!;
    const model = await loadOnnxModel(await store.getVerified(v.artifactKey, v.sha256));
    const [score] = await model.run([
      { ...warmup, datatype: 'FP32', data: new Array<number>(25 * 96).fill(0.1) },
    ]);
    await model.dispose();
    expect(score!.shape).toEqual([1, 1]);
    expect((score!.data as number[])[0]).toBeGreaterThanOrEqual(0);
    expect((score!.data as number[])[0]).toBeLessThanOrEqual(1);
  });

  it('evaluates the MNIST classifier on the held-out digits and quotes the result in its card', async () => {
    const v = await database.db.modelVersion.findFirstOrThrow({
      where: { model: { slug: MNIST_CLASSIFIER.slug } },
      include: { model: true, evaluationResults: { orderBy: { metric: 'asc' } } },
    });
    expect(v.model.task).toBe('IMAGE_CLASSIFICATION');
    expect(v.inputs).toEqual([{ name: 'image', datatype: 'FP32', shape: [-1, 1, 28, 28] }]);
    expect(v.outputs).toEqual([{ name: 'probabilities', datatype: 'FP32', shape: [-1, 10] }]);
    expect(v.runtimeConfig).toMatchObject({
      labels: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
      preprocessing: { kind: 'image', width: 28, height: 28, mean: [0], std: [1] },
    });

    const results = v.evaluationResults;
    expect(results.map((r) => r.metric)).toEqual(['accuracy', 'f1', 'precision', 'recall']);
    for (const r of results) {
      expect(r.dataset).toBe(MNIST_EVALUATION_DATASET);
      expect(r.organizationId).toBe(v.organizationId);
      expect(r.method).toMatch(/^2000 samples \(held-out 2000 of the 10000 digits/);
      expect(r.method).toContain('called by seedDemoModels');
    }
    const accuracy = results.find((r) => r.metric === 'accuracy')!.value;
    process.stdout.write(
      `seeded MNIST classifier: stored held-out accuracy ${accuracy.toFixed(4)}\n`,
    );
    expect(accuracy).toBeGreaterThanOrEqual(0.9);

    const card = v.model.description;
    expect(card).toContain(`| Accuracy | ${(accuracy * 100).toFixed(1)}% |`);
    const f1 = results.find((r) => r.metric === 'f1')!.value;
    expect(card).toContain(`| F1 (macro) | ${f1.toFixed(3)} |`);
    expect(card).toContain(results[0]!.method);
    expect(card).not.toContain('Not measured yet');
  });
});
