import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { InferenceError, type ImagePreprocessing } from '@modelhub/inference';
import { loadMnistSplit, MNIST_PIXELS } from '../mnist/mnist-digits.ts';
import { MNIST_CLASSIFIER_SETTINGS } from '../mnist/mnist-classifier.ts';
import { mnistHeldOutDigitImages } from '../mnist/mnist-digit-images.ts';
import { imageToTensor } from './image-tensor.ts';

const rgb = (width: number, height: number, colour: { r: number; g: number; b: number }) =>
  sharp({ create: { width, height, channels: 3, background: colour } });

const preprocessing = (overrides: Partial<ImagePreprocessing> = {}): ImagePreprocessing => ({
  kind: 'image',
  width: 4,
  height: 2,
  layout: 'NCHW',
  colorOrder: 'RGB',
  mean: [0, 0, 0],
  std: [1, 1, 1],
  ...overrides,
});

async function refusal(promise: Promise<unknown>): Promise<InferenceError> {
  const error: unknown = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InferenceError);
  return error as InferenceError;
}

describe('imageToTensor', () => {
  it('resizes to the declared size and normalises each channel in NCHW planes', async () => {
    const png = await rgb(40, 20, { r: 255, g: 51, b: 0 }).png().toBuffer();
    const { tensor, source } = await imageToTensor(
      png,
      preprocessing({ mean: [0.5, 0.2, 0], std: [0.5, 0.1, 1] }),
      { inputName: 'pixels' },
    );
    expect(source).toEqual({ format: 'png', width: 40, height: 20 });
    expect(tensor).toMatchObject({ name: 'pixels', datatype: 'FP32', shape: [1, 3, 2, 4] });
    const data = tensor.data as number[];
    expect(data).toHaveLength(24);
    // (255/255 - 0.5) / 0.5, (51/255 - 0.2) / 0.1, (0 - 0) / 1: one plane of 8 each
    expect(data.slice(0, 8).every((v) => Math.abs(v - 1) < 1e-6)).toBe(true);
    expect(data.slice(8, 16).every((v) => Math.abs(v) < 1e-6)).toBe(true);
    expect(data.slice(16).every((v) => v === 0)).toBe(true);
  });

  it('puts blue first for BGR models and interleaves channels for NHWC', async () => {
    const png = await rgb(4, 2, { r: 255, g: 0, b: 0 }).png().toBuffer();
    const { tensor } = await imageToTensor(
      png,
      preprocessing({ layout: 'NHWC', colorOrder: 'BGR' }),
      { inputName: 'x' },
    );
    expect(tensor.shape).toEqual([1, 2, 4, 3]);
    expect((tensor.data as number[]).slice(0, 6)).toEqual([0, 0, 1, 0, 0, 1]);
  });

  it('gives one grey channel, transparent pixels on black, and keeps alpha when asked', async () => {
    const halfTransparent = await sharp({
      create: {
        width: 2,
        height: 2,
        channels: 4,
        background: { r: 255, g: 255, b: 255, alpha: 0.5 },
      },
    })
      .png()
      .toBuffer();
    const values = async (mean: number[]) => {
      const { tensor } = await imageToTensor(
        halfTransparent,
        preprocessing({ width: 2, height: 2, mean, std: mean.map(() => 1) }),
        { inputName: 'x' },
      );
      return { shape: tensor.shape, data: (tensor.data as number[]).map((v) => +v.toFixed(2)) };
    };
    // white at half opacity on black is mid grey
    expect(await values([0])).toEqual({ shape: [1, 1, 2, 2], data: [0.5, 0.5, 0.5, 0.5] });
    expect((await values([0, 0, 0])).data).toEqual(new Array<number>(12).fill(0.5));
    expect((await values([0, 0, 0, 0])).data).toEqual([
      ...new Array<number>(12).fill(1),
      ...new Array<number>(4).fill(0.5),
    ]);
    expect((await values([0, 0])).data).toEqual([1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5]);
  });

  it('turns the image by its EXIF orientation before resizing', async () => {
    // Left half white, right half black; orientation 6 shows it turned 90 degrees clockwise,
    // so the white half ends up on top.
    const left = await rgb(2, 1, { r: 255, g: 255, b: 255 }).png().toBuffer();
    const jpeg = await rgb(4, 2, { r: 0, g: 0, b: 0 })
      .composite([{ input: await sharp(left).resize(2, 2).toBuffer(), left: 0, top: 0 }])
      .jpeg({ quality: 100 })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const { tensor } = await imageToTensor(
      jpeg,
      preprocessing({ width: 1, height: 2, mean: [0], std: [1] }),
      { inputName: 'x' },
    );
    const [top, bottom] = tensor.data as number[];
    expect(top).toBeGreaterThan(0.8);
    expect(bottom).toBeLessThan(0.2);
  });

  it('gives the MNIST classifier the pixels it was trained on, from a PNG of a digit', async () => {
    const [digit] = await mnistHeldOutDigitImages({ count: 1 });
    const { heldOut } = loadMnistSplit(MNIST_CLASSIFIER_SETTINGS.split);
    const { tensor } = await imageToTensor(
      digit!.image,
      preprocessing({ width: 28, height: 28, mean: [0], std: [1] }),
      { inputName: 'image', contentType: digit!.contentType },
    );
    expect(tensor.shape).toEqual([1, 1, 28, 28]);
    const data = tensor.data as number[];
    for (let p = 0; p < MNIST_PIXELS; p++) {
      // 8-bit rounding is the only difference
      expect(Math.abs(data[p]! - heldOut.pixels[p]!)).toBeLessThanOrEqual(0.5 / 255 + 1e-6);
    }
  });

  it('refuses a truncated image as CORRUPT_IMAGE', async () => {
    const png = await rgb(64, 64, { r: 1, g: 2, b: 3 }).png().toBuffer();
    const error = await refusal(
      imageToTensor(png.subarray(0, png.length - 40), preprocessing(), { inputName: 'x' }),
    );
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.details.reason).toBe('CORRUPT_IMAGE');
  });
});
