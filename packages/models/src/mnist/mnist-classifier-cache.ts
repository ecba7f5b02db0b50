// The trained classifier's ONNX file, kept in the data folder (never in git) under a name that
// carries the hash of its training settings: `npm start` trains once, later starts reuse it.
import { randomUUID } from 'node:crypto';
import { access, mkdir, rm, writeFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { readDbEnv } from '@modelhub/db';
import {
  MNIST_CLASSIFIER_SETTINGS,
  mnistSettingsHash,
  trainMnistClassifier,
  type MnistClassifierSettings,
  type TrainedMnistClassifier,
} from './mnist-classifier.ts';

/** `<MODELHUB_DATA_DIR>/model-cache`: the data folder the database and artifacts live in. */
export function defaultModelCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(readDbEnv(env).MODELHUB_DATA_DIR, 'model-cache');
}

export function mnistClassifierCacheFile(
  cacheDir: string,
  settings: MnistClassifierSettings = MNIST_CLASSIFIER_SETTINGS,
): string {
  return path.join(cacheDir, `mnist-mlp-${mnistSettingsHash(settings).slice(0, 16)}.onnx`);
}

/** Writes next to the target, then renames: readers (other seeds, other test files) never see half a file. */
export async function writeMnistClassifierFile(
  cacheDir: string,
  trained: TrainedMnistClassifier,
): Promise<string> {
  const file = mnistClassifierCacheFile(cacheDir, trained.settings);
  await mkdir(cacheDir, { recursive: true });
  const partial = `${file}.${randomUUID()}.partial`;
  try {
    await writeFile(partial, trained.onnx);
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return file;
}

export interface MnistClassifierFile {
  file: string;
  /** the training run when this call trained; null when the cached file was used */
  trained: TrainedMnistClassifier | null;
}

/** Calls under way in this process, so that concurrent seeds train once. */
const pending = new Map<string, Promise<MnistClassifierFile>>();

async function trainUnlessCached(
  file: string,
  cacheDir: string,
  settings: MnistClassifierSettings,
): Promise<MnistClassifierFile> {
  const cached = await access(file).then(
    () => true,
    () => false,
  );
  if (cached) return { file, trained: null };
  const trained = trainMnistClassifier(settings);
  return { file: await writeMnistClassifierFile(cacheDir, trained), trained };
}

export async function ensureMnistClassifierFile(
  cacheDir: string = defaultModelCacheDir(),
  settings: MnistClassifierSettings = MNIST_CLASSIFIER_SETTINGS,
): Promise<MnistClassifierFile> {
  const file = mnistClassifierCacheFile(cacheDir, settings);
  const running = pending.get(file);
  if (running) return running.then((result) => ({ file: result.file, trained: null }));
  const call = trainUnlessCached(file, cacheDir, settings).finally(() => pending.delete(file));
  pending.set(file, call);
  return call;
}
