// Held-out MNIST digits as image files (PNG or JPEG, at any size), the way a client would upload
// a picture of a digit to the classifier: what the image-input tests and examples send.
import sharp from 'sharp';
import { MNIST_CLASSIFIER_SETTINGS } from './mnist-classifier.ts';
import { loadMnistSplit, MNIST_PIXELS, MNIST_SIDE } from './mnist-digits.ts';

export interface DigitImageOptions {
  /** how many held-out digits, from the first */
  count: number;
  /** side of the square image in pixels (28 is MNIST's own) */
  size?: number;
  format?: 'png' | 'jpeg';
}

export interface DigitImage {
  /** the digit the image shows */
  label: number;
  image: Buffer;
  contentType: 'image/png' | 'image/jpeg';
}

/** Light digits on a dark background, as MNIST stores them, scaled to `size`. */
export async function mnistHeldOutDigitImages({
  count,
  size = MNIST_SIDE,
  format = 'png',
}: DigitImageOptions): Promise<DigitImage[]> {
  const { heldOut } = loadMnistSplit(MNIST_CLASSIFIER_SETTINGS.split);
  if (!Number.isInteger(count) || count < 1 || count > heldOut.count) {
    throw new RangeError(`count must be an integer between 1 and ${heldOut.count}`);
  }
  const images: DigitImage[] = [];
  for (let i = 0; i < count; i++) {
    const grey = Buffer.alloc(MNIST_PIXELS);
    for (let p = 0; p < MNIST_PIXELS; p++) {
      grey[p] = Math.round(heldOut.pixels[i * MNIST_PIXELS + p]! * 255);
    }
    const digit = sharp(grey, {
      raw: { width: MNIST_SIDE, height: MNIST_SIDE, channels: 1 },
    }).resize(size, size, { kernel: 'lanczos3' });
    images.push({
      label: heldOut.labels[i]!,
      image: await (format === 'png' ? digit.png() : digit.jpeg({ quality: 90 })).toBuffer(),
      contentType: format === 'png' ? 'image/png' : 'image/jpeg',
    });
  }
  return images;
}
