// The detector's text probability map -> text regions in original image pixels, in reading order.
//
// DBNet's own postprocess (OpenCV contours, minimum-area rectangles, polygon offsetting with
// pyclipper) reduced to what pure TypeScript does cheaply: connected components of the thresholded
// map, each one's oriented bounding rectangle from its principal axis, and the same score, size
// and unclip rules.
import type { PixelBox } from './ocr-types.ts';

export type Point = [x: number, y: number];

export interface TextRegion {
  /**
   * The rectangle around the text, possibly rotated: corners clockwise from top-left. Exact, and
   * near the edges partly outside the image, so that clamping does not distort its shape.
   */
  quad: [Point, Point, Point, Point];
  /** the axis-aligned box around `quad` inside the image, in whole pixels */
  box: PixelBox;
}

export interface TextBoxOptions {
  /** a map pixel is text above this probability */
  threshold?: number;
  /** a component is kept when its mean probability reaches this */
  boxThreshold?: number;
  /**
   * DBNet learns to shrink text regions; the rectangle is grown back by
   * area * unclipRatio / perimeter on every side.
   */
  unclipRatio?: number;
  /** regions whose shorter side is below this many map pixels are noise */
  minSize?: number;
  /** bounds the recognition work one image can cause */
  maxBoxes?: number;
}

/**
 * PaddleOCR's PP-OCRv4 defaults (det_db_thresh, det_db_box_thresh), except the unclip ratio: at
 * PaddleOCR's 1.5 the crops of rendered test lines were so tight that the recognizer dropped the
 * spaces between upper-case words; 2.0 read them all.
 */
export const DEFAULT_TEXT_BOX_OPTIONS: Required<TextBoxOptions> = {
  threshold: 0.3,
  boxThreshold: 0.6,
  unclipRatio: 2.0,
  minSize: 3,
  maxBoxes: 1000,
};

/**
 * A component is treated as a rotated line only when it is clearly elongated (variance along
 * its principal axis at least this many times the variance across it, about 2:1 in length);
 * the axis of a single glyph or a square blob is noise.
 */
const MIN_ELONGATION = 4;

/** Lines steeper than this are boxed axis-aligned: vertical text is not read. */
const MAX_SKEW = Math.PI / 4;

interface Component {
  /** map indices of its pixels */
  pixels: Int32Array;
  probabilitySum: number;
}

/**
 * @param map the probability map, row-major, `mapWidth` x `mapHeight`
 * @param imageSize the original image, which the map covers entirely
 */
export function extractTextRegions(
  map: ArrayLike<number>,
  mapWidth: number,
  mapHeight: number,
  imageSize: { width: number; height: number },
  options: TextBoxOptions = {},
): TextRegion[] {
  const defaults = DEFAULT_TEXT_BOX_OPTIONS;
  const threshold = options.threshold ?? defaults.threshold;
  const boxThreshold = options.boxThreshold ?? defaults.boxThreshold;
  const unclipRatio = options.unclipRatio ?? defaults.unclipRatio;
  const minSize = options.minSize ?? defaults.minSize;
  const maxBoxes = options.maxBoxes ?? defaults.maxBoxes;
  const scaleX = imageSize.width / mapWidth;
  const scaleY = imageSize.height / mapHeight;
  const regions: TextRegion[] = [];
  for (const component of connectedComponents(map, mapWidth, mapHeight, threshold)) {
    if (component.probabilitySum / component.pixels.length < boxThreshold) continue;
    const rect = orientedRectangle(component.pixels, mapWidth);
    if (Math.min(rect.length, rect.thickness) < minSize) continue;
    // DBNet's unclip offsets the polygon by D = A * r / L; for a rectangle that adds D per side.
    const offset =
      (rect.length * rect.thickness * unclipRatio) / (2 * (rect.length + rect.thickness));
    const length = rect.length + 2 * offset;
    const thickness = rect.thickness + 2 * offset;
    if (Math.min(length, thickness) < minSize + 2) continue;
    const quad = corners(rect.centre, rect.angle, length, thickness).map(([x, y]): Point => [
      x * scaleX,
      y * scaleY,
    ]) as TextRegion['quad'];
    const box = boundingBox(quad, imageSize);
    if (box.width === 0 || box.height === 0) continue;
    regions.push({ quad, box });
    if (regions.length === maxBoxes) break;
  }
  return readingOrder(regions);
}

/** 8-connected components of the pixels above `threshold`, found by flood fill. */
function connectedComponents(
  map: ArrayLike<number>,
  width: number,
  height: number,
  threshold: number,
): Component[] {
  // 0: background or visited, 1: text not yet assigned to a component.
  const pending = new Uint8Array(width * height);
  for (let i = 0; i < pending.length; i++) pending[i] = map[i]! > threshold ? 1 : 0;
  // Every pixel enters the stack once; `visited` lists them in the order they left it, so each
  // component is one contiguous run of it.
  const stack = new Int32Array(width * height);
  const visited = new Int32Array(width * height);
  let visitedCount = 0;
  const components: Component[] = [];
  for (let start = 0; start < pending.length; start++) {
    if (!pending[start]) continue;
    const first = visitedCount;
    let probabilitySum = 0;
    pending[start] = 0;
    let top = 0;
    stack[top++] = start;
    while (top > 0) {
      const index = stack[--top]!;
      visited[visitedCount++] = index;
      probabilitySum += map[index]!;
      const x = index % width;
      const y = (index - x) / width;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const neighbour = ny * width + nx;
          if (pending[neighbour]) {
            pending[neighbour] = 0;
            stack[top++] = neighbour;
          }
        }
      }
    }
    components.push({ pixels: visited.subarray(first, visitedCount), probabilitySum });
  }
  return components;
}

interface OrientedRectangle {
  centre: Point;
  /** of the long side, radians from the x axis, within +-MAX_SKEW */
  angle: number;
  length: number;
  thickness: number;
}

/**
 * The rectangle around the pixels, aligned with their principal axis (the direction of largest
 * variance): for a text line, the reading direction. Exact for axis-aligned blocks of pixels.
 */
function orientedRectangle(pixels: Int32Array, width: number): OrientedRectangle {
  // Pixel centres, so a block of pixels is symmetric about its mean.
  let sumX = 0;
  let sumY = 0;
  for (const index of pixels) {
    sumX += (index % width) + 0.5;
    sumY += Math.floor(index / width) + 0.5;
  }
  const meanX = sumX / pixels.length;
  const meanY = sumY / pixels.length;
  let xx = 0;
  let yy = 0;
  let xy = 0;
  for (const index of pixels) {
    const dx = (index % width) + 0.5 - meanX;
    const dy = Math.floor(index / width) + 0.5 - meanY;
    xx += dx * dx;
    yy += dy * dy;
    xy += dx * dy;
  }
  // Eigen-decomposition of the 2x2 covariance [[xx, xy], [xy, yy]].
  const half = Math.hypot((xx - yy) / 2, xy);
  const major = (xx + yy) / 2 + half;
  const minor = (xx + yy) / 2 - half;
  const principal = 0.5 * Math.atan2(2 * xy, xx - yy);
  const angle = major >= MIN_ELONGATION * minor && Math.abs(principal) <= MAX_SKEW ? principal : 0;

  // Extents along the axes, each pixel counted as its centre +- half a pixel.
  const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
  let minU = Infinity;
  let maxU = -Infinity;
  let minV = Infinity;
  let maxV = -Infinity;
  for (const index of pixels) {
    const dx = (index % width) + 0.5 - meanX;
    const dy = Math.floor(index / width) + 0.5 - meanY;
    const u = dx * cos + dy * sin;
    const v = -dx * sin + dy * cos;
    minU = Math.min(minU, u);
    maxU = Math.max(maxU, u);
    minV = Math.min(minV, v);
    maxV = Math.max(maxV, v);
  }
  const midU = (minU + maxU) / 2;
  const midV = (minV + maxV) / 2;
  return {
    centre: [meanX + midU * cos - midV * sin, meanY + midU * sin + midV * cos],
    angle,
    length: maxU - minU + 1,
    thickness: maxV - minV + 1,
  };
}

/** Clockwise from top-left (y points down), for an angle within +-45 degrees. */
function corners(centre: Point, angle: number, length: number, thickness: number): Point[] {
  const u: Point = [(Math.cos(angle) * length) / 2, (Math.sin(angle) * length) / 2];
  const v: Point = [(-Math.sin(angle) * thickness) / 2, (Math.cos(angle) * thickness) / 2];
  const at = (su: number, sv: number): Point => [
    centre[0] + su * u[0] + sv * v[0],
    centre[1] + su * u[1] + sv * v[1],
  ];
  return [at(-1, -1), at(1, -1), at(1, 1), at(-1, 1)];
}

/** Rounded outwards, so the box covers the whole quad, then clamped to the image. */
function boundingBox(quad: Point[], image: { width: number; height: number }): PixelBox {
  const xs = quad.map(([x]) => x);
  const ys = quad.map(([, y]) => y);
  const left = Math.max(0, Math.floor(Math.min(...xs)));
  const top = Math.max(0, Math.floor(Math.min(...ys)));
  const right = Math.min(image.width, Math.ceil(Math.max(...xs)));
  const bottom = Math.min(image.height, Math.ceil(Math.max(...ys)));
  return { x: left, y: top, width: Math.max(0, right - left), height: Math.max(0, bottom - top) };
}

/**
 * Rows top to bottom, regions left to right within a row, read along the page's skew (the
 * median angle of the regions) so that the lines of a tilted page do not interleave. A region
 * joins a row when its centre lies within half the row's first region's thickness of that
 * region's centre, which keeps the words of one line together when their heights differ.
 */
function readingOrder(regions: TextRegion[]): TextRegion[] {
  const angles = regions.map(({ quad: [topLeft, topRight] }) =>
    Math.atan2(topRight[1] - topLeft[1], topRight[0] - topLeft[0]),
  );
  const skew = angles.sort((a, b) => a - b)[Math.floor(angles.length / 2)] ?? 0;
  const [cos, sin] = [Math.cos(skew), Math.sin(skew)];
  const placed = regions.map((region) => {
    const [topLeft, , bottomRight, bottomLeft] = region.quad;
    const x = (topLeft[0] + bottomRight[0]) / 2;
    const y = (topLeft[1] + bottomRight[1]) / 2;
    return {
      region,
      // The centre in a frame turned by -skew, where the lines run horizontally.
      along: x * cos + y * sin,
      across: -x * sin + y * cos,
      thickness: Math.hypot(bottomLeft[0] - topLeft[0], bottomLeft[1] - topLeft[1]),
    };
  });
  placed.sort((a, b) => a.across - b.across || a.along - b.along);
  const rows: { anchor: (typeof placed)[number]; members: typeof placed }[] = [];
  for (const item of placed) {
    const row = rows.find(({ anchor }) => item.across - anchor.across <= anchor.thickness / 2);
    if (row) row.members.push(item);
    else rows.push({ anchor: item, members: [item] });
  }
  return rows.flatMap((row) =>
    row.members.sort((a, b) => a.along - b.along).map((item) => item.region),
  );
}
