// The zoo's own digit classifier: trained here on the `mnist` package's digits, exported as ONNX.
// The settings below fix the model's bytes; changing any of them changes the file, so the zoo
// entry's version must be raised with them (a published version is immutable).
import { createHash } from 'node:crypto';
import { argmaxRows, mlpParameterCount, mlpProbabilities, type MlpParameters } from './mlp.ts';
import { exportMlpToOnnx, MLP_ONNX_OPSET } from './mlp-onnx.ts';
import {
  loadMnistSplit,
  MNIST_CLASSES,
  MNIST_PIXELS,
  MNIST_SIDE,
  type MnistSplit,
  type MnistSplitSettings,
} from './mnist-digits.ts';
import { trainMlp, type EpochReport, type MlpTrainingSettings } from './train-mlp.ts';

export interface MnistClassifierSettings {
  split: MnistSplitSettings;
  training: MlpTrainingSettings;
}

export const MNIST_CLASSIFIER_SETTINGS: MnistClassifierSettings = {
  split: { seed: 20_261_122, heldOutCount: 2000 },
  training: {
    hiddenSize: 64,
    epochs: 5,
    batchSize: 64,
    learningRate: 0.004,
    finalLearningRateFraction: 0.05,
    seed: 1,
  },
};

export const MNIST_PRODUCER_NAME = 'modelhub-train-mnist';
/** the exporter's own version: raise it when the graph it writes changes */
export const MNIST_PRODUCER_VERSION = '1';
export const MNIST_INPUT_NAME = 'image';
export const MNIST_OUTPUT_NAME = 'probabilities';

export interface TrainedMnistClassifier {
  settings: MnistClassifierSettings;
  /** sha256 of the settings and the exporter version: the cache key of the file */
  settingsHash: string;
  parameters: MlpParameters;
  onnx: Uint8Array;
  trainCount: number;
  heldOutCount: number;
  /** top-1 accuracy of the TypeScript forward pass on the held-out digits */
  heldOutAccuracy: number;
  /** wall-clock time of loading the digits and training */
  trainingMs: number;
  /** CPU time of the same (the process's), which other jobs on the machine do not inflate */
  trainingCpuMs: number;
}

export function mnistSettingsHash(settings: MnistClassifierSettings): string {
  const canonical = JSON.stringify({
    producer: `${MNIST_PRODUCER_NAME}@${MNIST_PRODUCER_VERSION}`,
    split: settings.split,
    training: Object.fromEntries(
      Object.entries(settings.training).sort(([a], [b]) => a.localeCompare(b)),
    ),
  });
  return createHash('sha256').update(canonical).digest('hex');
}

export function heldOutAccuracy(parameters: MlpParameters, split: MnistSplit): number {
  const { heldOut } = split;
  const predicted = argmaxRows(
    mlpProbabilities(parameters, heldOut.pixels, heldOut.count),
    heldOut.count,
    MNIST_CLASSES,
  );
  return predicted.filter((digit, i) => digit === heldOut.labels[i]).length / heldOut.count;
}

export function trainMnistClassifier(
  settings: MnistClassifierSettings = MNIST_CLASSIFIER_SETTINGS,
  onEpoch?: (report: EpochReport) => void,
): TrainedMnistClassifier {
  const started = performance.now();
  const startedCpu = process.cpuUsage();
  const split = loadMnistSplit(settings.split);
  const parameters = trainMlp(split.train, MNIST_PIXELS, MNIST_CLASSES, settings.training, onEpoch);
  const trainingMs = performance.now() - started;
  const cpu = process.cpuUsage(startedCpu);
  const trainingCpuMs = (cpu.user + cpu.system) / 1000;
  const settingsHash = mnistSettingsHash(settings);
  const onnx = exportMlpToOnnx(parameters, {
    inputName: MNIST_INPUT_NAME,
    sampleShape: [1, MNIST_SIDE, MNIST_SIDE],
    outputName: MNIST_OUTPUT_NAME,
    producerName: MNIST_PRODUCER_NAME,
    producerVersion: MNIST_PRODUCER_VERSION,
    docString:
      `MNIST digit classifier: MLP ${MNIST_PIXELS}-${parameters.hiddenSize}-${MNIST_CLASSES} ` +
      `(ReLU, softmax), ${mlpParameterCount(parameters)} parameters, opset ${MLP_ONNX_OPSET}.`,
    metadata: {
      training_settings_sha256: settingsHash,
      training_samples: String(split.train.count),
      held_out_samples: String(split.heldOut.count),
    },
  });
  return {
    settings,
    settingsHash,
    parameters,
    onnx,
    trainCount: split.train.count,
    heldOutCount: split.heldOut.count,
    heldOutAccuracy: heldOutAccuracy(parameters, split),
    trainingMs,
    trainingCpuMs,
  };
}
