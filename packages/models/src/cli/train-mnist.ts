// `npm run train:mnist -w @modelhub/models [-- --held-out <file.jsonl>]`: trains the zoo's MNIST
// classifier from scratch, reports its held-out accuracy and stores the ONNX file in the model
// cache the seed reads (so the next `npm start` publishes this file without training again).
// With --held-out, also writes the held-out digits as a labelled dataset (JSON Lines).
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { formatLabelledSample } from '../evaluation/labelled-dataset.ts';
import { trainMnistClassifier } from '../mnist/mnist-classifier.ts';
import { defaultModelCacheDir, writeMnistClassifierFile } from '../mnist/mnist-classifier-cache.ts';
import { mnistHeldOutSamples } from '../mnist/mnist-held-out.ts';

const { values } = parseArgs({ options: { 'held-out': { type: 'string' } } });
const print = (line: string) => process.stdout.write(`${line}\n`);

const trained = trainMnistClassifier(undefined, ({ epoch, loss }) =>
  print(`epoch ${epoch}: mean training loss ${loss.toFixed(4)}`),
);
const file = await writeMnistClassifierFile(defaultModelCacheDir(), trained);
print(
  `trained on ${trained.trainCount} digits in ${(trained.trainingCpuMs / 1000).toFixed(1)} s CPU ` +
    `(${(trained.trainingMs / 1000).toFixed(1)} s wall); ` +
    `held-out accuracy ${(trained.heldOutAccuracy * 100).toFixed(2)}% on ${trained.heldOutCount} digits`,
);
print(`settings sha256 ${trained.settingsHash}`);
print(`wrote ${file} (${trained.onnx.length} bytes)`);

const heldOutFile = values['held-out'];
if (heldOutFile) {
  const lines = mnistHeldOutSamples(trained.settings).map(formatLabelledSample);
  await writeFile(heldOutFile, `${lines.join('\n')}\n`);
  print(`wrote ${lines.length} held-out samples to ${heldOutFile}`);
}
