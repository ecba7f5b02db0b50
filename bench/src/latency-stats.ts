// Latency samples -> the numbers the report prints.

export interface LatencyStats {
  requests: number;
  /** batch elements per second */
  itemsPerSecond: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** requests that failed (not counted in the latencies) */
  errors?: number;
  firstError?: string;
  /** CPU ms per item of each process that used any while measured (CpuMeter) */
  cpuMsPerItem?: Record<string, number>;
  /** the hypervisor's steal over the measured time, % of the machine's CPU time (hostStealMs) */
  hostStealPercent?: number;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function summarize(
  latenciesMs: number[],
  elapsedMs: number,
  itemsPerRequest: number,
): LatencyStats {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const requestsPerSecond = (latenciesMs.length / elapsedMs) * 1000;
  return {
    requests: latenciesMs.length,
    requestsPerSecond,
    itemsPerSecond: requestsPerSecond * itemsPerRequest,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
  };
}
