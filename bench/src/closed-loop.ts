// A closed-loop load generator: `concurrency` workers, each sending its next request as soon as
// the previous one answered, for a fixed time after a warm-up.
import { summarize, type LatencyStats } from './latency-stats.ts';
import { CpuMeter, hostStealMs, stealPercent } from './process-cpu.ts';

export interface ClosedLoopOptions {
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  itemsPerRequest: number;
  /** measures the CPU per item of these processes over the measured time */
  cpu?: CpuMeter | null;
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
  /** requests answered since the warm-up ended, whenever they started: the CPU window's count */
  let answeredAfterWarmup = 0;
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
      const answered = performance.now();
      if (started >= warmupEnd) latencies.push(answered - started);
      if (answered >= warmupEnd) answeredAfterWarmup++;
    }
  };
  let cpuBefore: Record<string, number> | undefined;
  let stealBefore: number | null = null;
  const { cpu } = options;
  const sampling = setTimeout(() => {
    cpuBefore = cpu?.sample();
    stealBefore = hostStealMs();
  }, options.warmupMs);
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  clearTimeout(sampling);
  const stealAfter = hostStealMs();
  const hostStealPercent =
    stealBefore !== null && stealAfter !== null
      ? stealPercent(stealAfter - stealBefore, performance.now() - warmupEnd)
      : undefined;
  // CPU from the warm-up's end until the last answer, over the items answered in that time.
  const items = answeredAfterWarmup * options.itemsPerRequest;
  const cpuMsPerItem =
    cpu && cpuBefore && items > 0 ? CpuMeter.perItem(cpuBefore, cpu.sample(), items) : undefined;
  // Failures are reported with the numbers, neither hidden nor fatal: a path that sheds load or
  // breaks under concurrency is a result too.
  return {
    ...summarize(latencies, options.durationMs, options.itemsPerRequest),
    errors: failures,
    ...(firstError ? { firstError: (firstError as Error).message } : {}),
    ...(cpuMsPerItem ? { cpuMsPerItem } : {}),
    ...(hostStealPercent !== undefined ? { hostStealPercent } : {}),
  };
}
