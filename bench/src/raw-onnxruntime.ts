// The ceiling: onnxruntime called directly in this process, no HTTP, no copies beyond the tensor.
// Measured in two session configurations, and the better result of each kind is the baseline:
// onnxruntime's default (a thread pool over every core) and one intra-op thread. On a 2-core
// virtual machine the default swings with the host (a batch-1 p50 of 0.76 ms in one run and
// 2.05 ms in another, when a pool thread waited for a core), so a baseline from it alone could
// flatter every ratio measured against it.
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { closedLoop, type ClosedLoopOptions } from './closed-loop.ts';
import type { LatencyStats } from './latency-stats.ts';
import { itemData, type BenchModel } from './scenarios.ts';

export interface RawSessionResult {
  /** how the session was configured, e.g. "default threads", "1 intra-op thread" */
  config: string;
  batch1: LatencyStats;
  byBatch: { batch: number; itemsPerSecond: number; hostStealPercent?: number }[];
}

export interface RawResult {
  sessions: RawSessionResult[];
  /** the batch-1 run with the lowest p50, over the configurations */
  batch1: LatencyStats & { config: string };
  /** the highest throughput over configurations and batch sizes */
  best: { config: string; batch: number; itemsPerSecond: number };
}

const CONFIGS: { config: string; options: InferenceSession.SessionOptions }[] = [
  { config: 'default threads', options: {} },
  { config: '1 intra-op thread', options: { intraOpNumThreads: 1 } },
];

export async function measureRaw(
  model: BenchModel,
  batches: number[],
  timing: Omit<ClosedLoopOptions, 'concurrency' | 'itemsPerRequest'>,
): Promise<RawResult> {
  const sessions: RawSessionResult[] = [];
  for (const { config, options } of CONFIGS) {
    sessions.push({ config, ...(await measureSession(model, options, batches, timing)) });
  }
  const batch1 = sessions
    .map((s) => ({ ...s.batch1, config: s.config }))
    .reduce((a, b) => (b.p50Ms < a.p50Ms ? b : a));
  const best = sessions
    .flatMap((s) => s.byBatch.map((b) => ({ config: s.config, ...b })))
    .reduce((a, b) => (b.itemsPerSecond > a.itemsPerSecond ? b : a));
  return { sessions, batch1, best };
}

async function measureSession(
  model: BenchModel,
  options: InferenceSession.SessionOptions,
  batches: number[],
  timing: Omit<ClosedLoopOptions, 'concurrency' | 'itemsPerRequest'>,
): Promise<Omit<RawSessionResult, 'config'>> {
  const session = await InferenceSession.create(model.file, options);
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
  const byBatch: RawSessionResult['byBatch'] = [];
  for (const batch of batches) {
    const f = feed(batch);
    const stats = await closedLoop(async () => void (await session.run(f)), {
      ...timing,
      concurrency: 1,
      itemsPerRequest: batch,
    });
    byBatch.push({
      batch,
      itemsPerSecond: stats.itemsPerSecond,
      ...(stats.hostStealPercent !== undefined ? { hostStealPercent: stats.hostStealPercent } : {}),
    });
  }
  await session.release();
  return { batch1, byBatch };
}
