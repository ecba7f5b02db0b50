/**
 * The sample images of the model page playground, committed under public/samples/ and written by
 * scripts/render-playground-samples.ts. Pure data, shared by the script, the page and the tests.
 */
import type { PlaygroundMode } from './playground-mode';

/** The text printed on the OCR sample, as the OCR model should read it back. */
export const OCR_SAMPLE_TEXT = 'Invoice 48213\nTotal due 2026-03-14';

export interface PlaygroundSample {
  id: string;
  /** What the person picks from, e.g. "Printed invoice lines". */
  label: string;
  /** Path under the portal's origin. */
  src: string;
  contentType: 'image/png';
  /** Alt text of the preview. */
  alt: string;
  /** The playground modes the sample makes sense for. */
  modes: readonly PlaygroundMode['kind'][];
}

export const PLAYGROUND_SAMPLES: readonly PlaygroundSample[] = [
  {
    id: 'ocr-invoice',
    label: 'Printed invoice lines',
    src: '/samples/ocr-invoice.png',
    contentType: 'image/png',
    alt: `Two printed lines of text: ${OCR_SAMPLE_TEXT.replace('\n', ' / ')}`,
    modes: ['ocr', 'image'],
  },
  {
    id: 'mnist-digit-7',
    label: 'Handwritten digit 7',
    src: '/samples/mnist-digit-7.png',
    contentType: 'image/png',
    alt: 'A handwritten digit seven, white on black',
    modes: ['image'],
  },
];

/** The samples worth offering for a mode, the most fitting first. */
export function samplesFor(mode: PlaygroundMode['kind'], preferDigits = false): PlaygroundSample[] {
  const fitting = PLAYGROUND_SAMPLES.filter((sample) => sample.modes.includes(mode));
  return preferDigits
    ? [...fitting].sort(
        (a, b) => Number(b.id.startsWith('mnist')) - Number(a.id.startsWith('mnist')),
      )
    : fitting;
}
