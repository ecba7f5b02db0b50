import { describe, expect, it } from 'vitest';
import { LINE_HEIGHT, RECOGNITION_LAYOUT, lineBatches, type LineBatch } from './line-preprocess.ts';
import type { RgbImage } from './ocr-types.ts';

async function collect(batches: AsyncIterable<LineBatch>): Promise<LineBatch[]> {
  const all: LineBatch[] = [];
  for await (const batch of batches) all.push(batch);
  return all;
}

function uniform(width: number, height: number, value: number): RgbImage {
  return { width, height, data: Buffer.alloc(width * height * 3, value) };
}

describe('lineBatches', () => {
  it('resizes to height 48, pads to the minimum width with 0 and batches equal widths', async () => {
    const lines = [
      uniform(100, 24, 255), // 200 wide at height 48: padded to 320
      uniform(400, 24, 0), // 800 wide: padded to 832 (a multiple of 64)
      uniform(60, 12, 255), // 240 wide: padded to 320, batched with the first
    ];
    const batches = await collect(lineBatches(lines, RECOGNITION_LAYOUT));
    expect(batches.map((b) => [b.lines, b.tensor.shape])).toEqual([
      [
        [0, 2],
        [2, 3, LINE_HEIGHT, 320],
      ],
      [[1], [1, 3, LINE_HEIGHT, 832]],
    ]);
    const data = batches[0]!.tensor.data as number[];
    // White is 1 after (x / 255 - 0.5) / 0.5; the padding is 0.
    expect(data[0]).toBeCloseTo(1, 5);
    expect(data[199]).toBeCloseTo(1, 5);
    expect(data[200]).toBe(0);
    expect(data[319]).toBe(0);
    expect((batches[1]!.tensor.data as number[])[0]).toBeCloseTo(-1, 5);
  });

  it('squeezes lines longer than the maximum width', async () => {
    const [batch] = await collect(lineBatches([uniform(5000, 48, 128)], RECOGNITION_LAYOUT));
    expect(batch!.tensor.shape).toEqual([1, 3, LINE_HEIGHT, RECOGNITION_LAYOUT.maxWidth]);
  });
});
