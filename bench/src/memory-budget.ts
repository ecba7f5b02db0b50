// The memory target: a runner whose budget is smaller than the models it is asked to serve stays
// inside it by evicting the least recently used model. A runner of its own, with a budget two of
// the three PaddleOCR models cannot share, is sent one request per model in turn; after every
// request its stats (the JSON twin of its metrics) are read, and at the end its Prometheus
// eviction counters, which is where an operator would see them.
import type { Agent } from 'undici';
import { request } from 'undici';
import { RUNNER_STATS_PATH, type RunnerStats } from '@modelhub/runner';
import type { BenchPlatform } from './bench-platform.ts';
import { summarize, type LatencyStats } from './latency-stats.ts';
import { v2BinarySender, type BenchModel } from './scenarios.ts';

/** The runner's settings for this phase: the same as the runner's own eviction test
 * (apps/runner/test/model-repository.test.ts), where detector and recognizer cannot coexist. */
const BUDGET_BYTES = 100_000_000;
const FLOOR_PER_ARTIFACT_BYTE = 8;

export interface MemoryBudgetResult {
  budgetBytes: number;
  models: string[];
  requests: number;
  /** the most the loaded models' measured memory reached, sampled after each request */
  maxLoadedBytes: number;
  /** samples in which the loaded models' memory was above the budget */
  samplesOverBudget: number;
  evictions: Record<string, number>;
  /** the runner process's resident set size over the phase */
  residentBytes: { first: number; min: number; max: number; last: number };
  /** one request per model in turn, a load (and an eviction) on most of them */
  latency: LatencyStats;
}

export async function measureMemoryBudget(
  platform: BenchPlatform,
  agent: Agent,
  models: BenchModel[],
  rounds: number,
): Promise<MemoryBudgetResult> {
  const runner = await platform.start('runner', {
    RUNNER_MEMORY_BUDGET_BYTES: String(BUDGET_BYTES),
    RUNNER_MEMORY_FLOOR_PER_ARTIFACT_BYTE: String(FLOOR_PER_ARTIFACT_BYTE),
    RUNNER_INSTANCES_PER_MODEL: '1',
  });
  try {
    const senders = models.map((m) =>
      v2BinarySender(agent, `${runner.url}/v2/models/${m.runnerName}/infer`, m),
    );
    const loaded: number[] = [];
    const resident: number[] = [];
    const latencies: number[] = [];
    let errors = 0;
    let firstError: string | undefined;
    let budget = NaN;
    const started = performance.now();
    // One request after another, each model's turn in order; metrics read between requests.
    for (let i = 0; i < rounds * senders.length; i++) {
      const requestStarted = performance.now();
      try {
        await senders[i % senders.length]!();
        latencies.push(performance.now() - requestStarted);
      } catch (error) {
        errors++;
        firstError ??= (error as Error).message;
      }
      const stats = await runnerStats(agent, runner.url);
      loaded.push(stats.loadedModelsMemoryBytes);
      resident.push(stats.process.rssBytes);
      budget = stats.memoryBudgetBytes;
    }
    const latency = {
      ...summarize(latencies, performance.now() - started, 1),
      errors,
      ...(firstError ? { firstError } : {}),
    };
    const metrics = await runnerText(agent, `${runner.url}/metrics`);
    return {
      budgetBytes: budget,
      models: models.map((m) => m.runnerName),
      requests: loaded.length,
      maxLoadedBytes: Math.max(...loaded),
      samplesOverBudget: loaded.filter((bytes) => bytes > budget).length,
      evictions: Object.fromEntries(
        models.map((m) => [
          m.runnerName,
          sample(metrics, 'modelhub_runner_evictions_total', m.runnerName),
        ]),
      ),
      residentBytes: {
        first: resident[0]!,
        min: Math.min(...resident),
        max: Math.max(...resident),
        last: resident.at(-1)!,
      },
      latency,
    };
  } finally {
    await runner.stop();
  }
}

async function runnerText(agent: Agent, url: string): Promise<string> {
  const res = await request(url, { dispatcher: agent });
  const text = await res.body.text();
  if (res.statusCode !== 200) throw new Error(`${url} answered HTTP ${res.statusCode}`);
  return text;
}

async function runnerStats(agent: Agent, runnerUrl: string): Promise<RunnerStats> {
  return JSON.parse(await runnerText(agent, `${runnerUrl}${RUNNER_STATS_PATH}`)) as RunnerStats;
}

/** A model's counter in the Prometheus text format, summed over its versions (the runner labels
 * samples `model="name@version"`); 0 when absent, as for a counter that never counted. */
function sample(text: string, metric: string, model: string): number {
  const labels = `\\{model="${model.replace(/\./g, '\\.')}@[^"]+"\\}`;
  const lines = text.matchAll(new RegExp(`^${metric}${labels} (\\S+)$`, 'gm'));
  return [...lines].reduce((sum, line) => sum + Number(line[1]), 0);
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

export function printMemoryReport(result: MemoryBudgetResult): void {
  const evicted = Object.entries(result.evictions)
    .map(([model, n]) => `${model} ${n}`)
    .join(', ');
  const lines = [
    '',
    `## Memory budget (one runner, ${result.models.length} models in turn, budget ${mb(result.budgetBytes)})`,
    '',
    `- requests: ${result.requests}, errors: ${result.latency.errors}${result.latency.firstError ? ` (${result.latency.firstError})` : ''}; p50 ${result.latency.p50Ms.toFixed(1)} ms, p99 ${result.latency.p99Ms.toFixed(1)} ms (most include a load)`,
    `- loaded models' measured memory: at most ${mb(result.maxLoadedBytes)}; samples over the budget: ${result.samplesOverBudget} (target: 0)`,
    `- evictions (runner metrics): ${evicted}`,
    `- runner resident memory: ${mb(result.residentBytes.first)} after the first request, ${mb(result.residentBytes.min)}-${mb(result.residentBytes.max)} over the phase, ${mb(result.residentBytes.last)} at the end`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
