// Picks the runner for each prediction from the runner registry in the database: live runners
// only (fresh heartbeat, READY), those that already hold the model first (affinity), least
// outstanding requests among them. A runner that cannot be connected to is skipped and the
// request retried once on another; a runner that does not hold the model loads it on demand.
import type { Db } from '@modelhub/db';
import {
  InferenceError,
  isConnectionFailure,
  RunnerClient,
  type InferRequest,
  type InferResponse,
  type InferResult,
} from '@modelhub/inference';

interface RunnerSnapshot {
  takenAt: number;
  runners: { id: string; url: string }[];
  /** modelVersionId -> ids of runners that report it READY */
  holders: Map<string, Set<string>>;
}

export interface RoutedResponse<R = InferResponse> {
  response: R;
  runnerId: string;
}

export interface RunnerRouterOptions {
  staleMs: number;
  timeoutMs: number;
  /** how long one registry snapshot is reused */
  snapshotMs?: number;
}

export class RunnerRouter {
  private readonly client = new RunnerClient();
  private readonly outstanding = new Map<string, number>();
  private snapshot: Promise<RunnerSnapshot> | null = null;

  constructor(
    private readonly db: Db,
    private readonly options: RunnerRouterOptions,
  ) {}

  /** With `typedOutputs`, numeric outputs come back as typed arrays (see RunnerClient.infer). */
  async infer<Typed extends boolean = false>(
    modelVersionId: string,
    runnerModelName: string,
    version: string,
    request: InferRequest,
    options: { typedOutputs?: Typed } = {},
  ): Promise<RoutedResponse<InferResult<Typed>>> {
    const tried = new Set<string>();
    for (let attempt = 0; attempt < 2; attempt++) {
      const runner = await this.pick(modelVersionId, tried);
      if (!runner) break;
      tried.add(runner.id);
      this.outstanding.set(runner.id, (this.outstanding.get(runner.id) ?? 0) + 1);
      try {
        const response = await this.client.infer(runner.url, runnerModelName, version, request, {
          timeoutMs: this.options.timeoutMs,
          ...options,
        });
        return { response, runnerId: runner.id };
      } catch (error) {
        if (!isConnectionFailure(error)) throw error;
        this.snapshot = null; // the registry view is out of date
      } finally {
        this.outstanding.set(runner.id, (this.outstanding.get(runner.id) ?? 1) - 1);
      }
    }
    throw new InferenceError(
      'UNAVAILABLE',
      tried.size
        ? 'no runner could be reached; try again shortly'
        : 'no runner is available; try again shortly',
    );
  }

  /** true when at least one runner is live */
  async anyRunnerLive(): Promise<boolean> {
    return (await this.currentSnapshot()).runners.length > 0;
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private async pick(modelVersionId: string, exclude: Set<string>) {
    const snap = await this.currentSnapshot();
    const candidates = snap.runners.filter((r) => !exclude.has(r.id));
    if (!candidates.length) return null;
    const holders = snap.holders.get(modelVersionId);
    const warm = candidates.filter((r) => holders?.has(r.id));
    const pool = warm.length ? warm : candidates;
    return pool.reduce((best, r) =>
      (this.outstanding.get(r.id) ?? 0) < (this.outstanding.get(best.id) ?? 0) ? r : best,
    );
  }

  private currentSnapshot(): Promise<RunnerSnapshot> {
    const maxAge = this.options.snapshotMs ?? 1_000;
    const current = this.snapshot;
    if (current) {
      return current.then((s) => (Date.now() - s.takenAt < maxAge ? s : this.refresh()));
    }
    return this.refresh();
  }

  private refresh(): Promise<RunnerSnapshot> {
    const next = this.load();
    this.snapshot = next;
    next.catch(() => {
      if (this.snapshot === next) this.snapshot = null;
    });
    return next;
  }

  private async load(): Promise<RunnerSnapshot> {
    const since = new Date(Date.now() - this.options.staleMs);
    const runners = await this.db.runner.findMany({
      where: { status: 'READY', lastHeartbeatAt: { gte: since } },
      select: {
        id: true,
        url: true,
        models: { where: { state: 'READY' }, select: { modelVersionId: true } },
      },
    });
    const holders = new Map<string, Set<string>>();
    for (const r of runners) {
      for (const m of r.models) {
        let set = holders.get(m.modelVersionId);
        if (!set) holders.set(m.modelVersionId, (set = new Set()));
        set.add(r.id);
      }
    }
    return { takenAt: Date.now(), runners: runners.map(({ id, url }) => ({ id, url })), holders };
  }
}
