import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModelCacheDir, ensureMnistClassifierFile } from './mnist-classifier-cache.ts';
import { MNIST_CLASSIFIER_SETTINGS, type MnistClassifierSettings } from './mnist-classifier.ts';

// A tiny network keeps this test fast; the cache does not depend on the size.
const TINY: MnistClassifierSettings = {
  split: MNIST_CLASSIFIER_SETTINGS.split,
  training: { ...MNIST_CLASSIFIER_SETTINGS.training, hiddenSize: 4, epochs: 1 },
};

describe('the trained-classifier cache', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'model-cache-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('trains once, then serves the file keyed by the settings hash', async () => {
    const cacheDir = path.join(dir, 'nested', 'cache');
    const first = await ensureMnistClassifierFile(cacheDir, TINY);
    expect(first.trained).not.toBeNull();
    expect(path.basename(first.file)).toBe(
      `mnist-mlp-${first.trained!.settingsHash.slice(0, 16)}.onnx`,
    );
    expect(Buffer.from(await readFile(first.file))).toEqual(Buffer.from(first.trained!.onnx));

    const second = await ensureMnistClassifierFile(cacheDir, TINY);
    expect(second).toEqual({ file: first.file, trained: null });

    const other = await ensureMnistClassifierFile(cacheDir, {
      ...TINY,
      training: { ...TINY.training, seed: 99 },
    });
    expect(other.file).not.toBe(first.file);
    // nothing half-written is left behind
    expect((await readdir(cacheDir)).sort()).toEqual(
      [path.basename(first.file), path.basename(other.file)].sort(),
    );
  });

  it('trains once for concurrent calls in one process', async () => {
    const cacheDir = path.join(dir, 'concurrent');
    const results = await Promise.all([
      ensureMnistClassifierFile(cacheDir, TINY),
      ensureMnistClassifierFile(cacheDir, TINY),
    ]);
    expect(results.filter((r) => r.trained !== null)).toHaveLength(1);
    expect(results[1]!.file).toBe(results[0]!.file);
  });

  it('lives in the data folder the database and artifacts use', () => {
    expect(defaultModelCacheDir({ MODELHUB_DATA_DIR: '/srv/modelhub' })).toBe(
      '/srv/modelhub/model-cache',
    );
  });
});
