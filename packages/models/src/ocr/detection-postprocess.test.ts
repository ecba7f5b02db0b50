import { describe, expect, it } from 'vitest';
import { extractTextRegions, type Point } from './detection-postprocess.ts';

const WIDTH = 64;
const HEIGHT = 32;
const MAP_SIZE = { width: WIDTH, height: HEIGHT };

/** A probability map of 0.05 background with rectangles of `p`, as [x, y, width, height]. */
function mapWith(rects: [number, number, number, number][], p = 0.9): Float32Array {
  const map = new Float32Array(WIDTH * HEIGHT).fill(0.05);
  for (const [x0, y0, w, h] of rects) {
    for (let y = y0; y < y0 + h; y++) map.fill(p, y * WIDTH + x0, y * WIDTH + x0 + w);
  }
  return map;
}

const length = ([x1, y1]: Point, [x2, y2]: Point) => Math.hypot(x2 - x1, y2 - y1);

describe('extractTextRegions', () => {
  it('finds two rectangles as two regions in reading order, grown by the unclip offset', () => {
    // Sorting by x alone would put the lower line first.
    const map = mapWith([
      [40, 4, 20, 4], // upper line, right
      [2, 20, 20, 4], // lower line, left
    ]);
    const regions = extractTextRegions(map, WIDTH, HEIGHT, MAP_SIZE, { unclipRatio: 1.5 });
    // offset = 20 * 4 * 1.5 / (2 * (20 + 4)) = 2.5 map pixels on every side.
    expect(regions.map((region) => region.quad)).toEqual([
      [
        [37.5, 1.5],
        [62.5, 1.5],
        [62.5, 10.5],
        [37.5, 10.5],
      ],
      [
        [-0.5, 17.5],
        [24.5, 17.5],
        [24.5, 26.5],
        [-0.5, 26.5],
      ],
    ]);
    // Boxes are rounded outwards (37.5 -> 37, 62.5 -> 63) and clamped to the image (-0.5 -> 0).
    expect(regions.map((region) => region.box)).toEqual([
      { x: 37, y: 1, width: 26, height: 10 },
      { x: 0, y: 17, width: 25, height: 10 },
    ]);
  });

  it('maps regions to original pixels with separate x and y scales', () => {
    const map = mapWith([[8, 8, 16, 8]]);
    const [region] = extractTextRegions(
      map,
      WIDTH,
      HEIGHT,
      { width: 640, height: 160 },
      {
        unclipRatio: 0,
      },
    );
    expect(region!.box).toEqual({ x: 80, y: 40, width: 160, height: 40 });
  });

  it('orders words of one line left to right even when their tops differ', () => {
    const map = mapWith([
      [30, 10, 10, 6],
      [4, 12, 10, 6],
    ]);
    const regions = extractTextRegions(map, WIDTH, HEIGHT, MAP_SIZE, { unclipRatio: 0 });
    expect(regions.map((region) => region.box.x)).toEqual([4, 30]);
  });

  it('follows a skewed line with a rotated rectangle', () => {
    // A bar 40 long and 6 thick through the centre of the map, rising by 20 degrees.
    const angle = (-20 * Math.PI) / 180;
    const map = new Float32Array(WIDTH * HEIGHT).fill(0.05);
    for (let y = 0; y < HEIGHT; y++) {
      for (let x = 0; x < WIDTH; x++) {
        const [dx, dy] = [x + 0.5 - WIDTH / 2, y + 0.5 - HEIGHT / 2];
        const along = dx * Math.cos(angle) + dy * Math.sin(angle);
        const across = -dx * Math.sin(angle) + dy * Math.cos(angle);
        if (Math.abs(along) < 20 && Math.abs(across) < 3) map[y * WIDTH + x] = 0.9;
      }
    }
    const regions = extractTextRegions(map, WIDTH, HEIGHT, MAP_SIZE, { unclipRatio: 0 });
    expect(regions).toHaveLength(1);
    const [topLeft, topRight, , bottomLeft] = regions[0]!.quad;
    const degrees =
      (Math.atan2(topRight[1] - topLeft[1], topRight[0] - topLeft[0]) * 180) / Math.PI;
    // Pixels approximate the bar, so its measures hold to about a degree and a pixel.
    expect(Math.abs(degrees + 20)).toBeLessThan(1);
    expect(Math.abs(length(topLeft, topRight) - 40)).toBeLessThan(1.5);
    expect(Math.abs(length(topLeft, bottomLeft) - 6)).toBeLessThan(1.5);
  });

  it('drops components below the box score, thin slivers and an empty map', () => {
    const faint = mapWith([[4, 4, 20, 6]], 0.5); // above the pixel threshold, below 0.6 on average
    const sliver = mapWith([[4, 4, 30, 2]]); // 2 pixels high: below the minimum size of 3
    for (const map of [faint, sliver, mapWith([])]) {
      expect(extractTextRegions(map, WIDTH, HEIGHT, MAP_SIZE)).toEqual([]);
    }
  });
});
