// The ceiling: onnxruntime called directly in this process, no HTTP, no copies beyond the tensor.
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { closedLoop, type ClosedLoopOptions } from './closed-loop.ts';
import type { LatencyStats } from './latency-stats.ts';
import { itemData, type BenchModel } from './scenarios.ts';

export interface RawResult {
  batch1: LatencyStats;
  byBatch: { batch: number; itemsPerSecond: number }[];
  best: { batch: number; itemsPerSecond: number };
}

export async function measureRaw(
  model: BenchModel,
  batches: number[],
  timing: Omit<ClosedLoopOptions, 'concurrency' | 'itemsPerRequest'>,
): Promise<RawResult> {
  const session = await InferenceSession.create(model.file);
  const feed = (batch: number) => ({
    [model.inputName]: new Tensor('float32', Float32Array.from(itemData(model, batch)), [
      batch,
      ...model.itemShape,
    ]),
  });
  const batch1Feed = feed(1);
  const batch1 = await closedLoop(async () => void (await session.run(batch1Feed)), {
    ...timing,
    concurrency: 1,
    itemsPerRequest: 1,
  });
  const byBatch: RawResult['byBatch'] = [];
  for (const batch of batches) {
    const f = feed(batch);
    const stats = await closedLoop(async () => void (await session.run(f)), {
      ...timing,
      concurrency: 1,
      itemsPerRequest: batch,
    });
    byBatch.push({ batch, itemsPerSecond: stats.itemsPerSecond });
  }
  await session.release();
  const best = byBatch.reduce((a, b) => (b.itemsPerSecond > a.itemsPerSecond ? b : a));
  return { batch1, byBatch, best };
}
