// The runners as a platform administrator sees them: each registered runner (from the registry
// in the database) with the model versions it reports loaded, joined with what the runner itself
// says right now (queue depth, instances, memory). Stopped runners are not asked.
import type { Db } from '@modelhub/db';
import {
  fetchAllRunnerLiveStats,
  type RunnerLiveStats,
  type RunnerLiveStatsResult,
} from './runner-live-stats.ts';

export interface RunnerModelOverview {
  modelVersionId: string;
  /** `publisher/model`, or null when the registry row is not readable and the runner is silent */
  model: string | null;
  version: string | null;
  /** LOADING, READY or FAILED from the registry; LIVE when only the runner reports it */
  state: string;
  error: string | null;
  updatedAt: Date | null;
  /** live figures, null when the runner did not answer or does not hold the model */
  queueDepth: number | null;
  instances: number | null;
  busyInstances: number | null;
  memoryBytes: number | null;
}

export interface RunnerOverview {
  id: string;
  name: string;
  url: string;
  status: string;
  capabilities: unknown;
  startedAt: Date;
  lastHeartbeatAt: Date;
  live: RunnerLiveStatsResult;
  models: RunnerModelOverview[];
}

/** `org.model` (the v2 name) -> `org/model` (the reference people use). */
const referenceOf = (v2Name: string) => v2Name.replace('.', '/');

export async function runnerOverview(
  db: Db,
  options: { timeoutMs?: number; fetch?: typeof globalThis.fetch } = {},
): Promise<RunnerOverview[]> {
  const runners = await db.runner.findMany({
    include: { models: { orderBy: { updatedAt: 'desc' } } },
    orderBy: [{ status: 'asc' }, { name: 'asc' }, { id: 'asc' }],
  });
  const versionIds = [...new Set(runners.flatMap((r) => r.models.map((m) => m.modelVersionId)))];
  // The api's role reads public versions here (private ones are tenant rows); the runner's own
  // answer names the rest.
  const versions = await db.modelVersion.findMany({
    where: { id: { in: versionIds } },
    select: {
      id: true,
      version: true,
      model: { select: { slug: true, organization: { select: { slug: true } } } },
    },
  });
  const versionById = new Map(versions.map((v) => [v.id, v]));
  const live = await fetchAllRunnerLiveStats(
    runners.filter((r) => r.status !== 'STOPPED'),
    options,
  );

  return runners.map((runner) => {
    const liveResult: RunnerLiveStatsResult = live.get(runner.id) ?? {
      reachable: false,
      reason: 'stopped',
    };
    const liveModels = new Map<string, RunnerLiveStats['models'][number]>(
      liveResult.reachable ? liveResult.stats.models.map((m) => [m.modelVersionId, m]) : [],
    );
    const models: RunnerModelOverview[] = runner.models.map((row) => {
      const known = versionById.get(row.modelVersionId);
      const held = liveModels.get(row.modelVersionId);
      liveModels.delete(row.modelVersionId);
      return {
        modelVersionId: row.modelVersionId,
        model: known
          ? `${known.model.organization.slug}/${known.model.slug}`
          : held
            ? referenceOf(held.name)
            : null,
        version: known?.version ?? held?.version ?? null,
        state: row.state,
        error: row.error,
        updatedAt: row.updatedAt,
        queueDepth: held?.queueDepth ?? null,
        instances: held?.instances ?? null,
        busyInstances: held?.busyInstances ?? null,
        memoryBytes: held?.memoryBytes ?? null,
      };
    });
    // Held by the runner but not (yet) in the registry: a load in flight, or a lost update.
    for (const held of liveModels.values()) {
      models.push({
        modelVersionId: held.modelVersionId,
        model: referenceOf(held.name),
        version: held.version,
        state: 'LIVE',
        error: null,
        updatedAt: null,
        queueDepth: held.queueDepth,
        instances: held.instances,
        busyInstances: held.busyInstances,
        memoryBytes: held.memoryBytes,
      });
    }
    return {
      id: runner.id,
      name: runner.name,
      url: runner.url,
      status: runner.status,
      capabilities: runner.capabilities,
      startedAt: runner.startedAt,
      lastHeartbeatAt: runner.lastHeartbeatAt,
      live: liveResult,
      models,
    };
  });
}
