// Writes the model page playground's sample images to public/samples/ (committed, so the portal
// needs no image tooling at run time). Run again after changing a sample:
//   npm run samples:render -w @modelhub/web
// The OCR sample is rendered by the same Pango path the api's OCR tests use (renderTextImage);
// the digit is a held-out MNIST digit the classifier never saw in training, scaled up to 112 px
// so that it is visible on the page (the api resizes it to the model's 28x28 input).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mnistHeldOutDigitImages, renderTextImage } from '@modelhub/models';
import { OCR_SAMPLE_TEXT } from '../src/lib/playground/playground-samples';

const SAMPLES_DIR = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'public',
  'samples',
);
const DIGIT_LABEL = 7;

async function main(): Promise<void> {
  const ocr = await renderTextImage({ text: OCR_SAMPLE_TEXT, dpi: 150 });
  await writeFile(path.join(SAMPLES_DIR, 'ocr-invoice.png'), ocr);

  const digits = await mnistHeldOutDigitImages({ count: 50, size: 112 });
  const digit = digits.find((sample) => sample.label === DIGIT_LABEL);
  if (!digit) throw new Error(`no held-out digit ${DIGIT_LABEL} among the first 50`);
  await writeFile(path.join(SAMPLES_DIR, `mnist-digit-${DIGIT_LABEL}.png`), digit.image);
  process.stdout.write(
    `wrote ocr-invoice.png (${ocr.length} bytes) and mnist-digit-${DIGIT_LABEL}.png\n`,
  );
}

await main();
