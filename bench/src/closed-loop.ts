// A closed-loop load generator: `concurrency` workers, each sending its next request as soon as
// the previous one answered, for a fixed time after a warm-up.
import { summarize, type LatencyStats } from './latency-stats.ts';

export interface ClosedLoopOptions {
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  itemsPerRequest: number;
}

export async function closedLoop(
  send: () => Promise<void>,
  options: ClosedLoopOptions,
): Promise<LatencyStats> {
  const warmupEnd = performance.now() + options.warmupMs;
  const end = warmupEnd + options.durationMs;
  const latencies: number[] = [];
  let failures = 0;
  let firstError: unknown;
  const worker = async () => {
    while (performance.now() < end) {
      const started = performance.now();
      try {
        await send();
      } catch (error) {
        failures++;
        firstError ??= error;
        continue;
      }
      if (started >= warmupEnd) latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  // Failures are reported with the numbers, neither hidden nor fatal: a path that sheds load or
  // breaks under concurrency is a result too.
  return {
    ...summarize(latencies, options.durationMs, options.itemsPerRequest),
    errors: failures,
    ...(firstError ? { firstError: (firstError as Error).message } : {}),
  };
}
