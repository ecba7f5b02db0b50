// What each runner holds right now (queue depths, instances, memory), asked of the runners
// themselves over HTTP (`GET {url}/stats`, a JSON twin of their /metrics): the registry in the
// database only knows which models were loaded, not how busy they are. Runners are asked in
// parallel with a short time limit, so one hung runner cannot stall the admin page; a runner that
// does not answer in time, or answers nonsense, is "unreachable" with the reason.
import { z } from 'zod';

/** Long enough for a healthy runner on a busy machine, short enough for a page load. */
export const RUNNER_STATS_TIMEOUT_MS = 1_500;

const count = z.number().int().nonnegative();

const runnerStatsSchema = z.object({
  models: z.array(
    z.object({
      name: z.string(),
      version: z.string(),
      modelVersionId: z.string(),
      queueDepth: count,
      instances: count,
      busyInstances: count,
      memoryBytes: count,
    }),
  ),
  loadedModelsMemoryBytes: count,
  memoryBudgetBytes: count,
  process: z.object({ rssBytes: count, heapUsedBytes: count, uptimeSeconds: count }),
});

export type RunnerLiveStats = z.output<typeof runnerStatsSchema>;

export type RunnerLiveStatsResult =
  { reachable: true; stats: RunnerLiveStats } | { reachable: false; reason: string };

export async function fetchRunnerLiveStats(
  runnerUrl: string,
  options: { timeoutMs?: number; fetch?: typeof globalThis.fetch } = {},
): Promise<RunnerLiveStatsResult> {
  const timeoutMs = options.timeoutMs ?? RUNNER_STATS_TIMEOUT_MS;
  let response: Response;
  let body: unknown;
  try {
    response = await (options.fetch ?? globalThis.fetch)(new URL('/stats', runnerUrl), {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    body = await response.json();
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    return {
      reachable: false,
      reason: timedOut ? `no answer within ${timeoutMs} ms` : 'connection failed',
    };
  }
  if (!response.ok) return { reachable: false, reason: `HTTP ${response.status}` };
  const parsed = runnerStatsSchema.safeParse(body);
  if (!parsed.success) return { reachable: false, reason: 'unexpected answer' };
  return { reachable: true, stats: parsed.data };
}

/** Every runner's live stats, asked all at once; keyed by runner id. */
export async function fetchAllRunnerLiveStats(
  runners: readonly { id: string; url: string }[],
  options: { timeoutMs?: number; fetch?: typeof globalThis.fetch } = {},
): Promise<Map<string, RunnerLiveStatsResult>> {
  const results = await Promise.all(
    runners.map(
      async (runner) => [runner.id, await fetchRunnerLiveStats(runner.url, options)] as const,
    ),
  );
  return new Map(results);
}
