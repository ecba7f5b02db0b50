// How one model version is served on this runner: the version's runtimeConfig (already parsed)
// over the runner's defaults from its environment.
import type { InputPolicy, RuntimeConfig } from '@modelhub/inference';
import type { ExecutionProvider, OnnxSessionOptions } from '@modelhub/runner-onnx';
import type { BatchingConfig } from './hosted-model.ts';

export interface ServingDefaults {
  /** sessions per model when the version does not say (RUNNER_INSTANCES_PER_MODEL) */
  instances: number;
  /** per session; 0 lets the runner choose (RUNNER_INTRA_OP_THREADS) */
  intraOpThreads: number;
  /** per session; 0 or 1 is sequential execution (RUNNER_INTER_OP_THREADS) */
  interOpThreads: number;
  executionProviders: ExecutionProvider[];
  /** idle onnxruntime pool threads spin instead of sleeping (RUNNER_THREAD_SPINNING) */
  threadSpinning: boolean;
  batching: BatchingConfig;
  /** cores this process may use */
  cpus: number;
}

export interface ServingConfig {
  instances: number;
  session: OnnxSessionOptions;
  batching: BatchingConfig;
  inputPolicy: InputPolicy;
  /** declared warm-up shapes by input name */
  warmupShapes: Map<string, number[]>;
  /** instances x intra-op threads exceed the cores, so sessions running at once contend */
  oversubscribed: boolean;
}

/**
 * The version's settings win over the runner's defaults. Intra-op threads left to the runner
 * are split between the instances (cores / instances, at least 1): N instances that each size
 * their thread pool to the whole machine would run N x cores threads and slow each other down.
 */
export function resolveServingConfig(
  runtimeConfig: RuntimeConfig,
  defaults: ServingDefaults,
): ServingConfig {
  const instances = runtimeConfig.instances ?? defaults.instances;
  const requestedIntra = runtimeConfig.intraOpThreads ?? defaults.intraOpThreads;
  const intraOpThreads =
    requestedIntra > 0
      ? requestedIntra
      : instances > 1
        ? Math.max(1, Math.floor(defaults.cpus / instances))
        : 0;
  const interOpThreads = runtimeConfig.interOpThreads ?? defaults.interOpThreads;
  const declared = runtimeConfig.batching ?? {};
  return {
    instances,
    session: {
      executionProviders: defaults.executionProviders,
      threadSpinning: defaults.threadSpinning,
      // A session computing on the main thread would stop the runner reading, batching and
      // answering requests for the whole batch; in a worker thread, I/O and compute overlap and
      // a model's instances really run at once.
      inWorkerThread: true,
      ...(intraOpThreads > 0 ? { intraOpThreads } : {}),
      ...(interOpThreads > 0 ? { interOpThreads } : {}),
    },
    batching: {
      // A version may turn batching off; it cannot turn on what the runner's operator disabled.
      enabled: declared.enabled === false ? false : defaults.batching.enabled,
      maxBatchSize: declared.maxBatchSize ?? defaults.batching.maxBatchSize,
      maxQueueDelayMs: declared.maxQueueDelayMs ?? defaults.batching.maxQueueDelayMs,
      maxQueueItems: defaults.batching.maxQueueItems,
    },
    inputPolicy: { nonFinite: runtimeConfig.requireFiniteInputs === false ? 'allow' : 'reject' },
    warmupShapes: new Map(runtimeConfig.warmup?.inputs.map((i) => [i.name, i.shape])),
    oversubscribed: instances * (intraOpThreads || defaults.cpus) > defaults.cpus,
  };
}
