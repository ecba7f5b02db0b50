// A JSON snapshot of what a runner holds right now, for the platform admin pages: per loaded
// model its queue depth, instances and measured memory, plus the totals and the process's own
// memory. The same figures are in GET /metrics, but there as Prometheus text meant for a
// scraper; the api reads this instead of parsing that format.
import type { FastifyInstance } from 'fastify';
import type { ModelRepository } from './model-repository.ts';

export const RUNNER_STATS_PATH = '/stats';

export interface LoadedModelStats {
  /** v2 name, `org.model` */
  name: string;
  version: string;
  /** the registry's ModelVersion id */
  modelVersionId: string;
  /** items waiting in the model's batch queues */
  queueDepth: number;
  instances: number;
  busyInstances: number;
  /** memory measured at load (at least its floor) */
  memoryBytes: number;
}

export interface RunnerStats {
  models: LoadedModelStats[];
  /** what all loaded models hold together (what the budget limits) */
  loadedModelsMemoryBytes: number;
  /** 0 means no limit */
  memoryBudgetBytes: number;
  process: { rssBytes: number; heapUsedBytes: number; uptimeSeconds: number };
}

export function runnerStats(repository: ModelRepository): RunnerStats {
  const memory = process.memoryUsage();
  return {
    models: repository
      .list()
      .map((m) => ({
        name: m.name,
        version: m.version,
        modelVersionId: m.modelVersionId,
        queueDepth: m.queueDepth,
        instances: m.instanceCount,
        busyInstances: m.busyInstances,
        memoryBytes: m.memoryBytes,
      }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version)),
    loadedModelsMemoryBytes: repository.memoryBytes,
    memoryBudgetBytes: repository.memoryBudgetBytes,
    process: {
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      uptimeSeconds: Math.round(process.uptime()),
    },
  };
}

export function registerStatsRoute(app: FastifyInstance, repository: ModelRepository): void {
  app.get(RUNNER_STATS_PATH, async () => runnerStats(repository));
}
