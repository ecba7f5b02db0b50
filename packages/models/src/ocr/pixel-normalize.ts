// RGB bytes -> the normalised, channel-planar float layout the PaddleOCR models take.

/** Mean and standard deviation of pixel / 255 per output plane, as PaddleOCR lists them. */
export interface Normalization {
  mean: readonly [number, number, number];
  std: readonly [number, number, number];
}

/** What the detector was trained with. */
export const IMAGENET_NORMALIZATION: Normalization = {
  mean: [0.485, 0.456, 0.406],
  std: [0.229, 0.224, 0.225],
};

/** What the recognizer and the direction classifier take: [-1, 1]. */
export const SYMMETRIC_NORMALIZATION: Normalization = {
  mean: [0.5, 0.5, 0.5],
  std: [0.5, 0.5, 0.5],
};

/**
 * Writes `width` x `height` RGB pixels as three planes of `planeWidth` x `height` floats into
 * `target` at `offset` (one [3, H, planeWidth] item of an NCHW batch). Columns past `width` keep
 * what `target` holds, so a zero-filled target gives PaddleOCR's padding: 0 after normalising.
 *
 * The planes are in BGR order: PaddleOCR trains and infers on OpenCV images, which are BGR, and
 * applies its RGB-ordered ImageNet statistics to them unchanged. Feeding RGB would be a slightly
 * different input from the one the models learned.
 */
export function writeBgrPlanes(
  rgb: Uint8Array,
  width: number,
  height: number,
  norm: Normalization,
  target: Float32Array,
  offset = 0,
  planeWidth = width,
): void {
  const plane = planeWidth * height;
  for (let outChannel = 0; outChannel < 3; outChannel++) {
    const rgbChannel = 2 - outChannel;
    const scale = 1 / (255 * norm.std[outChannel]!);
    const shift = norm.mean[outChannel]! / norm.std[outChannel]!;
    const base = offset + outChannel * plane;
    for (let y = 0; y < height; y++) {
      const row = base + y * planeWidth;
      let source = y * width * 3 + rgbChannel;
      for (let x = 0; x < width; x++, source += 3) target[row + x] = rgb[source]! * scale - shift;
    }
  }
}
