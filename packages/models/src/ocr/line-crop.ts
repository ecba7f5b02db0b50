// Text-line images cut out of the decoded image (straightened when the line is skewed), and
// turned upside down when they read that way.
import type { Point, TextRegion } from './detection-postprocess.ts';
import type { RgbImage } from './ocr-types.ts';

/**
 * The parallelogram spanned by the quad's top-left, top-right and bottom-left corners, mapped
 * onto an upright image of its own size: PaddleOCR's `get_rotate_crop_image` for the rectangles
 * our detector gives. Samples are bilinear; outside the image the edge pixels repeat, as with
 * OpenCV's BORDER_REPLICATE.
 */
export function cropQuad(image: RgbImage, quad: TextRegion['quad']): RgbImage {
  const [topLeft, topRight, , bottomLeft] = quad;
  const width = Math.max(1, Math.round(distance(topLeft, topRight)));
  const height = Math.max(1, Math.round(distance(topLeft, bottomLeft)));
  // Source position of output pixel (i, j)'s centre: origin + (i + 0.5) * across + (j + 0.5) * down.
  const across: Point = [(topRight[0] - topLeft[0]) / width, (topRight[1] - topLeft[1]) / width];
  const down: Point = [
    (bottomLeft[0] - topLeft[0]) / height,
    (bottomLeft[1] - topLeft[1]) / height,
  ];
  const data = Buffer.allocUnsafe(width * height * 3);
  const lastX = image.width - 1;
  const lastY = image.height - 1;
  let out = 0;
  for (let j = 0; j < height; j++) {
    for (let i = 0; i < width; i++) {
      // -0.5: from pixel-centre coordinates to indices.
      const sx = topLeft[0] + (i + 0.5) * across[0] + (j + 0.5) * down[0] - 0.5;
      const sy = topLeft[1] + (i + 0.5) * across[1] + (j + 0.5) * down[1] - 0.5;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      const left = clamp(x0, lastX) * 3;
      const right = clamp(x0 + 1, lastX) * 3;
      const upper = clamp(y0, lastY) * image.width * 3;
      const lower = clamp(y0 + 1, lastY) * image.width * 3;
      for (let c = 0; c < 3; c++) {
        const top = image.data[upper + left + c]! * (1 - fx) + image.data[upper + right + c]! * fx;
        const bottom =
          image.data[lower + left + c]! * (1 - fx) + image.data[lower + right + c]! * fx;
        data[out++] = Math.round(top * (1 - fy) + bottom * fy);
      }
    }
  }
  return { width, height, data };
}

/** The image turned by 180 degrees: the pixel order reversed, each pixel's RGB kept. */
export function rotate180(image: RgbImage): RgbImage {
  const pixels = image.width * image.height;
  const data = Buffer.allocUnsafe(pixels * 3);
  for (let i = 0, j = (pixels - 1) * 3; i < pixels * 3; i += 3, j -= 3) {
    data[i] = image.data[j]!;
    data[i + 1] = image.data[j + 1]!;
    data[i + 2] = image.data[j + 2]!;
  }
  return { width: image.width, height: image.height, data };
}

function distance([x1, y1]: Point, [x2, y2]: Point): number {
  return Math.hypot(x2 - x1, y2 - y1);
}

function clamp(index: number, last: number): number {
  return index < 0 ? 0 : index > last ? last : index;
}
