// Trains the zoo's classifier with its real settings, once for the file, and checks the exported
// ONNX graph against the TypeScript forward pass in onnxruntime.
import onnxProto from 'onnx-proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOnnxModel, type OnnxModel } from '@modelhub/runner-onnx';
import { argmaxRows, mlpProbabilities } from './mlp.ts';
import { exportMlpToOnnx } from './mlp-onnx.ts';
import {
  MNIST_CLASSIFIER_SETTINGS,
  MNIST_PRODUCER_NAME,
  trainMnistClassifier,
  type TrainedMnistClassifier,
} from './mnist-classifier.ts';
import {
  loadMnistSplit,
  MNIST_PIXELS,
  MNIST_SAMPLE_COUNT,
  type MnistSplit,
} from './mnist-digits.ts';
import { trainMlp } from './train-mlp.ts';

const { onnx } = onnxProto;

/** Byte equality: deep equality of million-element arrays is far too slow in expect(). */
function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
}

describe('the MNIST digit classifier', () => {
  let trained: TrainedMnistClassifier;
  let split: MnistSplit;
  let session: OnnxModel;
  beforeAll(async () => {
    trained = trainMnistClassifier();
    split = loadMnistSplit(MNIST_CLASSIFIER_SETTINGS.split);
    session = await loadOnnxModel(trained.onnx);
  }, 120_000);
  afterAll(async () => {
    await session?.dispose();
  });

  it('splits the digits the same way every time, holding out the configured number', () => {
    expect(split.train.count + split.heldOut.count).toBe(MNIST_SAMPLE_COUNT);
    expect(split.heldOut.count).toBe(MNIST_CLASSIFIER_SETTINGS.split.heldOutCount);
    const again = loadMnistSplit(MNIST_CLASSIFIER_SETTINGS.split);
    expect(sameBytes(again.heldOut.labels, split.heldOut.labels)).toBe(true);
    expect(sameBytes(again.heldOut.pixels, split.heldOut.pixels)).toBe(true);
    // every digit is represented in the held-out part
    expect(new Set(split.heldOut.labels).size).toBe(10);
    const other = loadMnistSplit({ ...MNIST_CLASSIFIER_SETTINGS.split, seed: 1 });
    expect(sameBytes(other.heldOut.labels, split.heldOut.labels)).toBe(false);
  });

  it('reaches a held-out accuracy of at least 0.9, training in well under 20 s of CPU', () => {
    process.stdout.write(
      `MNIST classifier: held-out accuracy ${trained.heldOutAccuracy.toFixed(4)} on ` +
        `${trained.heldOutCount} digits, trained on ${trained.trainCount} in ` +
        `${Math.round(trained.trainingCpuMs)} ms CPU (${Math.round(trained.trainingMs)} ms wall)\n`,
    );
    expect(trained.trainCount).toBe(MNIST_SAMPLE_COUNT - trained.heldOutCount);
    expect(trained.heldOutAccuracy).toBeGreaterThanOrEqual(0.9);
    // CPU time, not wall time: the cores are shared with other jobs, which stretch the wall clock.
    expect(trained.trainingCpuMs).toBeLessThan(20_000);
  });

  it('exports an opset-13 graph with a dynamic batch dim named batch', () => {
    expect(session.signature).toEqual({
      inputs: [{ name: 'image', datatype: 'FP32', shape: [-1, 1, 28, 28] }],
      outputs: [{ name: 'probabilities', datatype: 'FP32', shape: [-1, 10] }],
    });
    const model = onnx.ModelProto.decode(trained.onnx);
    expect(model.producerName).toBe(MNIST_PRODUCER_NAME);
    expect(model.opsetImport.map((o) => Number(o.version))).toEqual([13]);
    const [batchDim] = model.graph?.input?.[0]?.type?.tensorType?.shape?.dim ?? [];
    expect(batchDim?.dimParam).toBe('batch');
    const metadata = Object.fromEntries(model.metadataProps.map((p) => [p.key, p.value]));
    expect(metadata.training_settings_sha256).toBe(trained.settingsHash);
  });

  it('gives the same predictions in onnxruntime as the TypeScript forward pass', async () => {
    const { heldOut } = split;
    const expected = mlpProbabilities(trained.parameters, heldOut.pixels, heldOut.count);
    const actual: number[] = [];
    const batch = 256;
    for (let start = 0; start < heldOut.count; start += batch) {
      const count = Math.min(batch, heldOut.count - start);
      const [out] = await session.run([
        {
          name: 'image',
          datatype: 'FP32',
          shape: [count, 1, 28, 28],
          data: Array.from(
            heldOut.pixels.subarray(start * MNIST_PIXELS, (start + count) * MNIST_PIXELS),
          ),
        },
      ]);
      expect(out!.shape).toEqual([count, 10]);
      actual.push(...(out!.data as number[]));
    }
    expect(argmaxRows(actual, heldOut.count, 10)).toEqual(argmaxRows(expected, heldOut.count, 10));
    let maxDifference = 0;
    expected.forEach((p, i) => {
      maxDifference = Math.max(maxDifference, Math.abs(p - actual[i]!));
    });
    expect(maxDifference).toBeLessThan(1e-5);
  });

  it('trains deterministically: the same settings give the same weights', () => {
    const small = {
      ...split.train,
      count: 300,
      pixels: split.train.pixels.subarray(0, 300 * MNIST_PIXELS),
    };
    const settings = { ...MNIST_CLASSIFIER_SETTINGS.training, hiddenSize: 8, epochs: 1 };
    const a = trainMlp(small, MNIST_PIXELS, 10, settings);
    const b = trainMlp(small, MNIST_PIXELS, 10, settings);
    const c = trainMlp(small, MNIST_PIXELS, 10, { ...settings, seed: settings.seed + 1 });
    for (const key of ['w1', 'b1', 'w2', 'b2'] as const)
      expect(sameBytes(b[key], a[key])).toBe(true);
    expect(sameBytes(c.w1, a.w1)).toBe(false);
  });

  it('refuses to export with a sample shape that does not match the input size', () => {
    expect(() =>
      exportMlpToOnnx(trained.parameters, {
        inputName: 'image',
        sampleShape: [1, 28, 27],
        outputName: 'probabilities',
        producerName: 'x',
        producerVersion: '1',
        docString: '',
        metadata: {},
      }),
    ).toThrow(/756 values; the MLP takes 784/);
  });
});
