// Builds and starts one runner process: HTTP server, model repository, registration.
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
} from 'fastify';
import os from 'node:os';
import { LocalArtifactStore, type ArtifactStore } from '@modelhub/artifact-store';
import { createDb, type Db } from '@modelhub/db';
import { DEFAULT_TENSOR_LIMITS, type InferenceError } from '@modelhub/inference';
import type { ExecutionProvider } from '@modelhub/runner-onnx';
import pino, { type Logger } from 'pino';
import { toErrorReply } from './error-reply.ts';
import { ModelRepository } from './model-repository.ts';
import { registerRunner, type RunnerRegistration } from './runner-registration.ts';
import type { BatchingConfig } from './hosted-model.ts';
import { RunnerMetrics } from './runner-metrics.ts';
import { registerStatsRoute } from './runner-stats.ts';
import { registerV2Routes } from './v2-routes.ts';

export interface RunnerOptions {
  databaseUrl: string;
  artifactRoot: string;
  host?: string;
  /** 0 picks a free port */
  port?: number;
  publicUrl?: string;
  name?: string;
  executionProviders?: ExecutionProvider[];
  /**
   * onnxruntime sessions per model, so that many of its batches run at once; a version's
   * runtimeConfig.instances overrides it (default 1)
   */
  instancesPerModel?: number;
  /** threads per session; 0 (default) splits the cores between a model's instances */
  intraOpThreads?: number;
  /** threads running independent operators per session; 0 or 1 (default) is sequential */
  interOpThreads?: number;
  /** idle onnxruntime pool threads spin instead of sleeping (default on, as onnxruntime) */
  threadSpinning?: boolean;
  heartbeatMs?: number;
  /** the largest request body, JSON or binary; larger is 413 PAYLOAD_TOO_LARGE */
  maxBodyBytes?: number;
  /** the most elements one input tensor may hold; more is 413 PAYLOAD_TOO_LARGE */
  maxInputElements?: number;
  /** bytes the loaded models may hold together (measured at load); 0 means no limit */
  memoryBudgetBytes?: number;
  /** the least a model counts as, per byte of its ONNX file and per instance (default 1) */
  memoryFloorPerArtifactByte?: number;
  /** how long a drain waits for requests in flight (default 30 s) */
  drainTimeoutMs?: number;
  /** dynamic batching defaults; a version's runtimeConfig.batching overrides them */
  batching?: Partial<BatchingConfig>;
  logger?: Logger;
  /** for tests: a store other than the local filesystem */
  store?: ArtifactStore;
}

export interface RunningRunner {
  url: string;
  runnerId: string;
  app: FastifyInstance;
  models: ModelRepository;
  metrics: RunnerMetrics;
  /** stops accepting work, waits for requests in flight, unregisters, unloads models */
  close(): Promise<void>;
}

export async function startRunner(options: RunnerOptions): Promise<RunningRunner> {
  const logger = options.logger ?? pino({ name: 'runner' });
  const db: Db = createDb(options.databaseUrl, { maxConnections: 5 });
  const store = options.store ?? new LocalArtifactStore(options.artifactRoot);
  let registration: RunnerRegistration | null = null;
  let draining = false;

  let metrics: RunnerMetrics | null = null;
  const models = new ModelRepository({
    db,
    store,
    logger,
    batching: {
      enabled: options.batching?.enabled ?? true,
      maxBatchSize: options.batching?.maxBatchSize ?? 32,
      maxQueueDelayMs: options.batching?.maxQueueDelayMs ?? 0,
      maxQueueItems: options.batching?.maxQueueItems ?? 1024,
    },
    onBatch: (model, info) => metrics?.observeBatch(model, info),
    memoryBudgetBytes: options.memoryBudgetBytes ?? 0,
    ...(options.memoryFloorPerArtifactByte !== undefined
      ? { memoryFloorPerArtifactByte: options.memoryFloorPerArtifactByte }
      : {}),
    onEvict: (model) => metrics?.countEviction(model),
    runnerId: () => registration?.runnerId ?? null,
    executionProviders: options.executionProviders ?? ['cpu'],
    instancesPerModel: options.instancesPerModel ?? 1,
    intraOpThreads: options.intraOpThreads ?? 0,
    interOpThreads: options.interOpThreads ?? 0,
    threadSpinning: options.threadSpinning ?? true,
  });

  // Typed as fastify's logger so the instance has fastify's default generics.
  const httpLogger: FastifyBaseLogger = logger;
  const app = Fastify({
    loggerInstance: httpLogger,
    bodyLimit: options.maxBodyBytes ?? 64 * 1024 * 1024,
    logController: new LogController({ disableRequestLogging: true }),
    // close() runs after the drain has waited for requests in flight (up to drainTimeoutMs);
    // connections still open then (a client that stopped reading) are cut, not waited for.
    forceCloseConnections: true,
  });
  app.setErrorHandler((error: FastifyError | InferenceError, req, reply) => {
    const { status, body, internal } = toErrorReply(error);
    // A full queue clears within a batch or two; tell clients when to come back.
    if (body.code === 'RESOURCE_EXHAUSTED') reply.header('retry-after', '1');
    if (internal) req.log.error({ err: error }, 'request failed');
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((req, reply) =>
    reply.code(404).send({ error: `no route ${req.method} ${req.url}`, code: 'NOT_FOUND' }),
  );
  metrics = new RunnerMetrics(models);
  // Requests whose headers arrived; a drain waits for them before closing the server, which
  // would otherwise reset connections still sending their bodies.
  let inFlight = 0;
  app.addHook('onRequest', async () => {
    inFlight++;
  });
  app.addHook('onResponse', async () => {
    inFlight--;
  });
  registerV2Routes(app, models, metrics, () => registration !== null && !draining, {
    maxElementsPerInput: options.maxInputElements ?? DEFAULT_TENSOR_LIMITS.maxElementsPerInput,
  });
  registerStatsRoute(app, models);

  const address = await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  const url = options.publicUrl ?? address.replace('0.0.0.0', '127.0.0.1');
  registration = await registerRunner(db, {
    name: options.name ?? os.hostname(),
    url,
    heartbeatMs: options.heartbeatMs ?? 5_000,
    logger,
    capabilities: {
      executionProviders: options.executionProviders ?? ['cpu'],
      cpus: os.availableParallelism(),
      memoryBytes: os.totalmem(),
      memoryBudgetBytes: options.memoryBudgetBytes ?? 0,
      instancesPerModel: options.instancesPerModel ?? 1,
      protocol: 'kserve-v2',
    },
  });
  logger.info({ url, runnerId: registration.runnerId }, 'runner ready');

  const reg = registration;
  return {
    url,
    runnerId: reg.runnerId,
    app,
    models,
    metrics,
    async close() {
      // Stop being routed to (readiness 503, DRAINING in the registry), let requests already
      // sent arrive and finish, then close.
      draining = true;
      await reg.setStatus('DRAINING').catch(() => {});
      const deadline = Date.now() + (options.drainTimeoutMs ?? 30_000);
      do await new Promise((r) => setTimeout(r, 50));
      while (inFlight > 0 && Date.now() < deadline);
      await app.close();
      await reg.stop();
      await models.unloadAll();
      await db.$disconnect();
    },
  };
}
