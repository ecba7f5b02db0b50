// The models this runner hosts: resolved in the registry by v2 name and version, fetched from
// the artifact store with their digest checked, loaded once (concurrent first requests wait
// for the same load), and reported in the database so the api can route by affinity.
import type { ArtifactStore } from '@modelhub/artifact-store';
import type { Db, ModelVersion } from '@modelhub/db';
import {
  InferenceError,
  parseRunnerModelName,
  type BatchInfo,
  type ModelSignature,
} from '@modelhub/inference';
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
  /** bytes the loaded models may hold together; 0 means no limit */
  memoryBudgetBytes?: number;
  /** a session holds about this many bytes per byte of ONNX file (weights plus arena) */
  memoryPerArtifactByte?: number;
  /** told whenever a model is unloaded to make room */
  onEvict?: (model: HostedModel) => void;
  logger: Logger;
  onBatch?: (model: HostedModel, info: BatchInfo) => void;
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

  /** Estimated bytes held by loaded models. */
  get memoryBytes(): number {
    let total = 0;
    for (const m of this.loaded.values()) total += m.memoryBytes;
    return total;
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
    const runnerId = this.options.runnerId();
    if (runnerId) {
      await this.options.db.runnerModel
        .deleteMany({ where: { runnerId, modelVersionId: model.modelVersionId } })
        .catch(() => {});
    }
  }

  /**
   * Evicts idle models, least recently used first, until `needed` more bytes fit the budget.
   * Models with requests in hand are never evicted; when they alone fill the budget the load
   * is refused with RESOURCE_EXHAUSTED (retryable) rather than exceeding it.
   */
  private async makeRoom(name: string, needed: number): Promise<void> {
    const budget = this.options.memoryBudgetBytes ?? 0;
    if (budget <= 0) return;
    if (needed > budget) {
      throw new InferenceError(
        'RESOURCE_EXHAUSTED',
        `model '${name}' needs about ${needed} bytes, more than this runner's memory budget of ${budget}`,
      );
    }
    const candidates = [...this.loaded.values()].sort((a, b) => a.lastUsedAt - b.lastUsedAt);
    for (const model of candidates) {
      if (this.memoryBytes + needed <= budget) return;
      if (!model.idle) continue;
      this.options.logger.info(
        { model: model.name, version: model.version },
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

  private async load(
    name: string,
    row: ModelVersion & { signature: ModelSignature },
  ): Promise<HostedModel> {
    const { logger, store } = this.options;
    const started = performance.now();
    const memoryBytes = Number(row.sizeBytes) * (this.options.memoryPerArtifactByte ?? 2);
    await this.makeRoom(name, memoryBytes);
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
        memoryBytes,
        batchingFor(this.options.batching, row.runtimeConfig),
        this.options.onBatch,
      );
      await warmUp(hosted, row.runtimeConfig, logger);
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

/**
 * One run on zeros right after loading, so the first real request does not pay for
 * onnxruntime's first-run allocations. Shapes come from `runtimeConfig.warmup.inputs`, or from
 * the signature when only the batch dimension is dynamic; otherwise there is no warm-up.
 */
async function warmUp(model: HostedModel, runtimeConfig: unknown, logger: Logger): Promise<void> {
  const declared = (
    runtimeConfig as { warmup?: { inputs?: { name: string; shape: number[] }[] } } | null
  )?.warmup?.inputs;
  const shapes = new Map(declared?.map((i) => [i.name, i.shape]));
  const inputs = [];
  for (const spec of model.signature.inputs) {
    const shape = shapes.get(spec.name) ?? spec.shape.map((d, i) => (i === 0 && d < 0 ? 1 : d));
    if (
      shape.some((d) => d < 1) ||
      !/^(FP|INT|UINT)/.test(spec.datatype) ||
      spec.datatype === 'FP16'
    )
      return;
    const size = shape.reduce((a, b) => a * b, 1);
    inputs.push({
      name: spec.name,
      datatype: spec.datatype,
      shape,
      data: new Array<number>(size).fill(0),
    });
  }
  try {
    await model.onnx.run(inputs);
  } catch (error) {
    logger.warn({ model: model.name, version: model.version, err: error }, 'warm-up run failed');
  }
}
