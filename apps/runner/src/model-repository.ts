// The models this runner hosts: resolved in the registry by v2 name and version, fetched from
// the artifact store with their digest checked, loaded once (concurrent first requests wait
// for the same load), and reported in the database so the api can route by affinity.
// Memory: each load is measured (RSS growth while its instances are created and warmed up), and
// the least recently used idle models are evicted to keep the measured total inside the budget.
import os from 'node:os';
import type { ArtifactStore } from '@modelhub/artifact-store';
import type { Db, ModelVersion } from '@modelhub/db';
import {
  InferenceError,
  parseRunnerModelName,
  parseRuntimeConfig,
  RuntimeConfigError,
  type BatchInfo,
  type ModelSignature,
} from '@modelhub/inference';
import { resolveModelVersion } from '@modelhub/registry';
import { loadOnnxInstances, type ExecutionProvider, type OnnxModel } from '@modelhub/runner-onnx';
import type { Logger } from 'pino';
import { HostedModel, type BatchingConfig } from './hosted-model.ts';
import { measureResidentGrowth } from './resident-memory.ts';
import { resolveServingConfig, type ServingConfig } from './serving-config.ts';
import { warmUp, warmUpInputs } from './warm-up.ts';

export interface ModelRepositoryOptions {
  db: Db;
  store: ArtifactStore;
  runnerId: () => string | null;
  executionProviders: ExecutionProvider[];
  /** sessions per model unless a version's runtimeConfig.instances says otherwise; default 1 */
  instancesPerModel?: number;
  /** per session; 0 lets the runner split the cores between a model's instances */
  intraOpThreads?: number;
  /** per session; 0 or 1 runs operators one at a time */
  interOpThreads?: number;
  /** idle onnxruntime pool threads spin instead of sleeping; default on */
  threadSpinning?: boolean;
  /** the runner's defaults; a version's `runtimeConfig.batching` overrides them */
  batching: BatchingConfig;
  /** bytes the loaded models may hold together (measured); 0 means no limit */
  memoryBudgetBytes?: number;
  /**
   * The least a model is counted as holding, per byte of ONNX file and per instance (default 1:
   * each session holds at least its weights), for when the measured growth is smaller (freed
   * memory reused, or measurement noise).
   */
  memoryFloorPerArtifactByte?: number;
  /** told whenever a model is unloaded to make room */
  onEvict?: (model: HostedModel) => void;
  logger: Logger;
  onBatch?: (model: HostedModel, info: BatchInfo) => void;
  /** how long `name` without a version keeps resolving to the same latest version (default 5 s) */
  latestTtlMs?: number;
}

type DescribedVersion = ModelVersion & { signature: ModelSignature };

export class ModelRepository {
  private readonly loaded = new Map<string, HostedModel>();
  private readonly loading = new Map<string, Promise<HostedModel>>();
  /** `name@version` -> loaded model: the hot path skips the registry lookup */
  private readonly byReference = new Map<string, { model: HostedModel; until: number }>();
  /** `name@version` -> its resolution in flight */
  private readonly resolving = new Map<string, Promise<HostedModel>>();
  /** modelVersionId -> bytes measured at its last load: what to make room for next time */
  private readonly lastMeasured = new Map<string, number>();
  /**
   * Loads run one at a time: a measurement then sees only its own model's allocations, and
   * making room is never decided on a total that another load is about to change.
   */
  private loadQueue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ModelRepositoryOptions) {}

  /** The registry row a v2 name and optional version refer to; NOT_FOUND otherwise. */
  async describe(name: string, version?: string): Promise<DescribedVersion> {
    const parsed = parseRunnerModelName(name);
    const row = parsed
      ? await resolveModelVersion(this.options.db, { ...parsed, version: version ?? null })
      : null;
    if (!row) {
      throw new InferenceError(
        'NOT_FOUND',
        `model '${name}'${version ? ` version '${version}'` : ''} not found`,
      );
    }
    return {
      ...row,
      signature: { inputs: row.inputs, outputs: row.outputs } as unknown as ModelSignature,
    };
  }

  /** The loaded model, loading it first when needed. */
  async get(name: string, version?: string): Promise<HostedModel> {
    const reference = `${name}@${version ?? ''}`;
    const cached = this.byReference.get(reference);
    if (cached && cached.until > Date.now() && this.loaded.has(cached.model.modelVersionId))
      return cached.model;
    // Requests that miss together share one resolution: when a latest-version reference
    // expires under load, the requests in flight wait for one registry query, not one each.
    let resolving = this.resolving.get(reference);
    if (!resolving) {
      resolving = this.resolveAndLoad(name, version)
        .then((model) => {
          // Published versions are immutable, so a numbered reference can be cached for good.
          this.byReference.set(reference, {
            model,
            until: version
              ? Number.POSITIVE_INFINITY
              : Date.now() + (this.options.latestTtlMs ?? 5_000),
          });
          return model;
        })
        .finally(() => this.resolving.delete(reference));
      this.resolving.set(reference, resolving);
    }
    return resolving;
  }

  private async resolveAndLoad(name: string, version?: string): Promise<HostedModel> {
    const row = await this.describe(name, version);
    const hit = this.loaded.get(row.id);
    if (hit) return hit;
    let pending = this.loading.get(row.id);
    if (!pending) {
      pending = this.load(name, row).finally(() => this.loading.delete(row.id));
      this.loading.set(row.id, pending);
    }
    return pending;
  }

  isLoaded(name: string, version: string): boolean {
    return [...this.loaded.values()].some((m) => m.name === name && m.version === version);
  }

  list(): HostedModel[] {
    return [...this.loaded.values()];
  }

  /** Bytes held by loaded models, as measured when each loaded. */
  get memoryBytes(): number {
    let total = 0;
    for (const m of this.loaded.values()) total += m.memoryBytes;
    return total;
  }

  /** The budget the loaded models are kept inside; 0 means none. */
  get memoryBudgetBytes(): number {
    return this.options.memoryBudgetBytes ?? 0;
  }

  /** Unloads every loaded version of `name`; false when none was loaded. */
  async unload(name: string): Promise<boolean> {
    const models = [...this.loaded.values()].filter((m) => m.name === name);
    await Promise.all(models.map((m) => this.unloadModel(m)));
    return models.length > 0;
  }

  private async unloadModel(model: HostedModel): Promise<void> {
    this.loaded.delete(model.modelVersionId);
    for (const [reference, entry] of this.byReference) {
      if (entry.model === model) this.byReference.delete(reference);
    }
    await model.dispose();
    await this.forget(model.modelVersionId);
  }

  /** Removes this runner's RunnerModel row for a version it no longer holds. */
  private async forget(modelVersionId: string): Promise<void> {
    const runnerId = this.options.runnerId();
    if (runnerId) {
      await this.options.db.runnerModel
        .deleteMany({ where: { runnerId, modelVersionId } })
        .catch(() => {});
    }
  }

  /**
   * Evicts idle models, least recently used first, until `needed` more bytes fit the budget.
   * Models with requests in hand are never evicted; when they alone fill the budget the load
   * is refused with RESOURCE_EXHAUSTED (retryable) rather than exceeding it.
   */
  private async makeRoom(name: string, needed: number): Promise<void> {
    const budget = this.memoryBudgetBytes;
    if (budget <= 0) return;
    if (needed > budget) {
      throw new InferenceError(
        'RESOURCE_EXHAUSTED',
        `model '${name}' needs about ${needed} bytes, more than this runner's memory budget of ${budget}`,
        { neededBytes: needed, budgetBytes: budget },
      );
    }
    const candidates = [...this.loaded.values()].sort((a, b) => a.lastUsedAt - b.lastUsedAt);
    for (const model of candidates) {
      if (this.memoryBytes + needed <= budget) return;
      if (!model.idle) continue;
      this.options.logger.info(
        { model: model.name, version: model.version, memoryBytes: model.memoryBytes },
        'evicting model to make room',
      );
      await this.unloadModel(model);
      this.options.onEvict?.(model);
    }
    if (this.memoryBytes + needed > budget) {
      throw new InferenceError(
        'RESOURCE_EXHAUSTED',
        `no room to load model '${name}' now; retry shortly`,
      );
    }
  }

  async unloadAll(): Promise<void> {
    const models = [...this.loaded.values()];
    this.loaded.clear();
    this.byReference.clear();
    await Promise.all(models.map((m) => m.dispose()));
  }

  private load(name: string, row: DescribedVersion): Promise<HostedModel> {
    const run = this.loadQueue.then(() => this.loadNow(name, row));
    this.loadQueue = run.catch(() => {});
    return run;
  }

  private async loadNow(name: string, row: DescribedVersion): Promise<HostedModel> {
    const { logger } = this.options;
    const labels = { model: name, version: row.version };
    const serving = await this.servingConfig(name, row);
    if (serving.oversubscribed) {
      logger.warn(
        { ...labels, instances: serving.instances, intraOpThreads: serving.session.intraOpThreads },
        'instances x intra-op threads exceed the cores; concurrent batches will contend',
      );
    }
    const floor =
      Number(row.sizeBytes) * serving.instances * (this.options.memoryFloorPerArtifactByte ?? 1);
    // Room for what this version took last time, or its floor on a first load.
    await this.makeRoom(name, Math.max(floor, this.lastMeasured.get(row.id) ?? 0));

    const started = performance.now();
    await this.report(row.id, 'LOADING');
    let instances: OnnxModel[];
    let grownBytes: number;
    try {
      const bytes = await this.options.store.getVerified(row.artifactKey, row.sha256);
      ({ result: instances, grownBytes } = await measureResidentGrowth(async () => {
        const created = await loadOnnxInstances(bytes, serving.instances, serving.session, (r) =>
          logger.warn(labels, r),
        );
        const inputs = warmUpInputs(row.signature, serving.warmupShapes);
        const failure = inputs ? await warmUp(created, inputs) : undefined;
        if (failure) logger.warn({ ...labels, err: failure }, 'warm-up run failed');
        return created;
      }));
    } catch (error) {
      await this.report(row.id, 'FAILED', (error as Error).message);
      logger.error({ ...labels, err: error }, 'model failed to load');
      throw new InferenceError(
        'UNAVAILABLE',
        `model '${name}' version '${row.version}' could not be loaded`,
      );
    }

    const memoryBytes = Math.max(grownBytes, floor);
    this.lastMeasured.set(row.id, memoryBytes);
    const hosted = new HostedModel({
      name,
      version: row.version,
      modelVersionId: row.id,
      signature: row.signature,
      instances,
      memoryBytes,
      batching: serving.batching,
      inputPolicy: serving.inputPolicy,
      ...(this.options.onBatch ? { onBatch: this.options.onBatch } : {}),
    });
    try {
      // The measurement may exceed what room was made for.
      await this.makeRoom(name, memoryBytes);
    } catch (error) {
      logger.warn({ ...labels, memoryBytes }, 'model does not fit once measured; released');
      await hosted.dispose();
      await this.forget(row.id);
      throw error;
    }
    this.loaded.set(row.id, hosted);
    await this.report(row.id, 'READY');
    logger.info(
      {
        ...labels,
        ms: Math.round(performance.now() - started),
        providers: instances[0]!.executionProviders,
        instances: instances.length,
        memoryBytes,
        measuredBytes: grownBytes,
      },
      'model loaded',
    );
    return hosted;
  }

  /** The version's runtimeConfig over the runner's defaults; a bad config fails the load. */
  private async servingConfig(name: string, row: DescribedVersion): Promise<ServingConfig> {
    try {
      return resolveServingConfig(parseRuntimeConfig(row.runtimeConfig), {
        instances: this.options.instancesPerModel ?? 1,
        intraOpThreads: this.options.intraOpThreads ?? 0,
        interOpThreads: this.options.interOpThreads ?? 0,
        executionProviders: this.options.executionProviders,
        threadSpinning: this.options.threadSpinning ?? true,
        batching: this.options.batching,
        cpus: os.availableParallelism(),
      });
    } catch (error) {
      if (!(error instanceof RuntimeConfigError)) throw error;
      await this.report(row.id, 'FAILED', error.message);
      throw new InferenceError(
        'UNAVAILABLE',
        `model '${name}' version '${row.version}' cannot be served: ${error.message}`,
        { reason: error.code, issues: error.issues },
      );
    }
  }

  private async report(
    modelVersionId: string,
    state: 'LOADING' | 'READY' | 'FAILED',
    error?: string,
  ) {
    const runnerId = this.options.runnerId();
    if (!runnerId) return;
    await this.options.db.runnerModel.upsert({
      where: { runnerId_modelVersionId: { runnerId, modelVersionId } },
      update: { state, error: error ?? null },
      create: { runnerId, modelVersionId, state, error: error ?? null },
    });
  }
}
