// The models this runner hosts: resolved in the registry by v2 name and version, fetched from
// the artifact store with their digest checked, loaded once (concurrent first requests wait
// for the same load), and reported in the database so the api can route by affinity.
import type { ArtifactStore } from '@modelhub/artifact-store';
import type { Db, ModelVersion } from '@modelhub/db';
import { InferenceError, parseRunnerModelName, type ModelSignature } from '@modelhub/inference';
import { resolveModelVersion } from '@modelhub/registry';
import { loadOnnxModel, type OnnxSessionOptions } from '@modelhub/runner-onnx';
import type { Logger } from 'pino';
import { HostedModel, type BatchingConfig } from './hosted-model.ts';

export interface ModelRepositoryOptions {
  db: Db;
  store: ArtifactStore;
  runnerId: () => string | null;
  sessionOptions: OnnxSessionOptions;
  /** the runner's defaults; a version's `runtimeConfig.batching` overrides them */
  batching: BatchingConfig;
  logger: Logger;
  onBatch?: ConstructorParameters<typeof HostedModel>[6];
}

function batchingFor(defaults: BatchingConfig, runtimeConfig: unknown): BatchingConfig {
  const declared = (runtimeConfig as { batching?: Partial<BatchingConfig> } | null)?.batching ?? {};
  const pick = (value: unknown, fallback: number) =>
    typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : fallback;
  return {
    enabled: declared.enabled === false ? false : defaults.enabled,
    maxBatchSize: pick(declared.maxBatchSize, defaults.maxBatchSize),
    maxQueueDelayMs: pick(declared.maxQueueDelayMs, defaults.maxQueueDelayMs),
    maxQueueItems: defaults.maxQueueItems,
  };
}

/** how long `name` without a version keeps resolving to the same latest version */
const LATEST_TTL_MS = 5_000;

export class ModelRepository {
  private readonly loaded = new Map<string, HostedModel>();
  private readonly loading = new Map<string, Promise<HostedModel>>();
  /** `name@version` -> loaded model: the hot path skips the registry lookup */
  private readonly byReference = new Map<string, { model: HostedModel; until: number }>();

  constructor(private readonly options: ModelRepositoryOptions) {}

  /** The registry row a v2 name and optional version refer to; NOT_FOUND otherwise. */
  async describe(
    name: string,
    version?: string,
  ): Promise<ModelVersion & { signature: ModelSignature }> {
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
    const model = await this.resolveAndLoad(name, version);
    // Published versions are immutable, so a numbered reference can be cached for good.
    this.byReference.set(reference, {
      model,
      until: version ? Number.POSITIVE_INFINITY : Date.now() + LATEST_TTL_MS,
    });
    return model;
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

  async unloadAll(): Promise<void> {
    const models = [...this.loaded.values()];
    this.loaded.clear();
    this.byReference.clear();
    await Promise.all(models.map((m) => m.dispose()));
  }

  private async load(
    name: string,
    row: ModelVersion & { signature: ModelSignature },
  ): Promise<HostedModel> {
    const { logger, store } = this.options;
    const started = performance.now();
    await this.report(row.id, 'LOADING');
    try {
      const bytes = await store.getVerified(row.artifactKey, row.sha256);
      const onnx = await loadOnnxModel(bytes, this.options.sessionOptions, (reason) =>
        logger.warn({ model: name, version: row.version }, reason),
      );
      const hosted = new HostedModel(
        name,
        row.version,
        row.id,
        row.signature,
        onnx,
        batchingFor(this.options.batching, row.runtimeConfig),
        this.options.onBatch,
      );
      this.loaded.set(row.id, hosted);
      await this.report(row.id, 'READY');
      logger.info(
        {
          model: name,
          version: row.version,
          ms: Math.round(performance.now() - started),
          providers: onnx.executionProviders,
        },
        'model loaded',
      );
      return hosted;
    } catch (error) {
      await this.report(row.id, 'FAILED', (error as Error).message);
      logger.error({ model: name, version: row.version, err: error }, 'model failed to load');
      throw new InferenceError(
        'UNAVAILABLE',
        `model '${name}' version '${row.version}' could not be loaded`,
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
