// An uploaded image -> the input tensor a model's `runtimeConfig.preprocessing` describes:
// checked (image-source.ts), decoded, turned upright by its EXIF orientation, resized to the
// declared width and height, and normalised per channel into NCHW or NHWC floats.
import sharp from 'sharp';
import type { ImagePreprocessing, InferInputTensor } from '@modelhub/inference';
import {
  corruptImage,
  inspectImage,
  resolveImageLimits,
  type ImageSource,
  type InspectImageOptions,
} from './image-source.ts';

export interface ImageTensorOptions extends InspectImageOptions {
  /** the model input the tensor is for */
  inputName: string;
}

export interface ImageTensor {
  /** FP32, `[1, C, H, W]` (NCHW) or `[1, H, W, C]` (NHWC), C = the preprocessing's channels */
  tensor: InferInputTensor;
  source: ImageSource;
}

/**
 * The channels are as many as `mean` has values: 1 is greyscale, 2 greyscale and alpha, 3 colour,
 * 4 colour and alpha, colour in `colorOrder`. Images are stretched to the declared size (no
 * crop, no padding), as a model trained on resized images expects. Where a model takes no alpha,
 * transparent pixels are put on black, the value of no ink in 0 = background models such as
 * MNIST, and of "no signal" for most others.
 */
export async function imageToTensor(
  bytes: Uint8Array,
  preprocessing: ImagePreprocessing,
  options: ImageTensorOptions,
): Promise<ImageTensor> {
  const source = await inspectImage(bytes, options);
  const { maxPixels } = resolveImageLimits(options.limits);
  const channels = preprocessing.mean.length;
  const pixels = await decodeResized(bytes, preprocessing, channels, maxPixels);
  const data = normalize(pixels, preprocessing, channels);
  const { width, height, layout } = preprocessing;
  return {
    tensor: {
      name: options.inputName,
      datatype: 'FP32',
      shape: layout === 'NCHW' ? [1, channels, height, width] : [1, height, width, channels],
      data: Array.from(data),
    },
    source,
  };
}

/** Interleaved 8-bit pixels of the declared size with `channels` channels, in RGB(A) order. */
async function decodeResized(
  bytes: Uint8Array,
  { width, height }: ImagePreprocessing,
  channels: number,
  maxPixels: number,
): Promise<Buffer> {
  // `limitInputPixels` guards the decoder as well, should the header have understated the size.
  const start = () =>
    sharp(bytes, { limitInputPixels: maxPixels }).rotate().resize(width, height, { fit: 'fill' });
  const raw = async (image: sharp.Sharp, expected: number) => {
    const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== expected || info.width !== width || info.height !== height) {
      throw new Error(`decoded ${info.width}x${info.height}x${info.channels}`);
    }
    return data;
  };
  try {
    switch (channels) {
      case 1:
        return await raw(start().flatten({ background: '#000000' }).toColourspace('b-w'), 1);
      case 3:
        return await raw(start().flatten({ background: '#000000' }).toColourspace('srgb'), 3);
      case 4:
        return await raw(start().toColourspace('srgb').ensureAlpha(), 4);
      default: {
        // libvips drops the alpha band when it converts to greyscale: join it back.
        const [grey, alpha] = await Promise.all([
          raw(start().toColourspace('b-w'), 1),
          raw(start().ensureAlpha().extractChannel(3), 1),
        ]);
        const joined = Buffer.alloc(width * height * 2);
        for (let i = 0; i < width * height; i++) {
          joined[i * 2] = grey[i]!;
          joined[i * 2 + 1] = alpha[i]!;
        }
        return joined;
      }
    }
  } catch (error) {
    throw corruptImage(error);
  }
}

/** (pixel / 255 - mean) / std per channel, mean and std given in the model's channel order. */
function normalize(
  pixels: Buffer,
  { width, height, layout, colorOrder, mean, std }: ImagePreprocessing,
  channels: number,
): Float32Array {
  const plane = width * height;
  const out = new Float32Array(plane * channels);
  for (let channel = 0; channel < channels; channel++) {
    // BGR reads red from the third source channel and blue from the first; alpha stays last.
    const from = colorOrder === 'BGR' && channels >= 3 && channel < 3 ? 2 - channel : channel;
    const scale = 1 / (255 * std[channel]!);
    const shift = mean[channel]! / std[channel]!;
    for (let i = 0; i < plane; i++) {
      const value = pixels[i * channels + from]! * scale - shift;
      out[layout === 'NCHW' ? channel * plane + i : i * channels + channel] = value;
    }
  }
  return out;
}
