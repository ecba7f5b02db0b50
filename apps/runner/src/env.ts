// The runner's configuration, validated once at start-up.
import os from 'node:os';
import { parseEnv } from '@modelhub/config';
import { DEFAULT_TENSOR_LIMITS, MAX_MODEL_INSTANCES } from '@modelhub/inference';
import { z } from 'zod';

const providers = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((p) => p.trim().toLowerCase())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(['cpu', 'cuda'])).min(1));

const schema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL'),
  RUNNER_HOST: z.string().default('127.0.0.1'),
  RUNNER_PORT: z.coerce.number().int().min(0).max(65535).default(8001),
  /** the URL the api uses to reach this runner; defaults to http://RUNNER_HOST:RUNNER_PORT */
  RUNNER_PUBLIC_URL: z.url().optional(),
  RUNNER_NAME: z.string().min(1).default(os.hostname()),
  RUNNER_EXECUTION_PROVIDERS: providers.default(['cpu']),
  /**
   * onnxruntime sessions per model (a version's runtimeConfig.instances overrides): this many
   * batches of one model run at once, each in its own worker thread. Default: one per core, each
   * with one intra-op thread, which measured best on a host shared with other processes (no
   * thread pool to wake or spin). Keep instances x RUNNER_INTRA_OP_THREADS about the cores.
   */
  RUNNER_INSTANCES_PER_MODEL: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_MODEL_INSTANCES)
    .default(Math.min(os.availableParallelism(), MAX_MODEL_INSTANCES)),
  /** threads per session; 0 splits the cores between a model's instances (onnxruntime's own choice for 1) */
  RUNNER_INTRA_OP_THREADS: z.coerce.number().int().min(0).max(1024).default(0),
  /** threads running independent operators per session; above 1 enables parallel execution */
  RUNNER_INTER_OP_THREADS: z.coerce.number().int().min(0).max(1024).default(0),
  /**
   * Only for sessions with more than one intra- or inter-op thread. 'on' (onnxruntime's default):
   * idle pool threads spin for the next operator; a pool that sleeps instead ran the classifier at
   * a third of the throughput. 'off' gives a shared host's other processes the cores between
   * requests, at that price.
   */
  RUNNER_THREAD_SPINNING: z.enum(['on', 'off']).default('on'),
  RUNNER_HEARTBEAT_MS: z.coerce.number().int().min(100).default(5_000),
  RUNNER_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(64 * 1024 * 1024),
  /** the most elements one input tensor may hold; more is 413 PAYLOAD_TOO_LARGE */
  RUNNER_MAX_INPUT_ELEMENTS: z.coerce
    .number()
    .int()
    .min(1)
    .default(DEFAULT_TENSOR_LIMITS.maxElementsPerInput),
  /** dynamic batching defaults (per model; a version's runtimeConfig.batching overrides) */
  RUNNER_BATCHING: z.enum(['on', 'off']).default('on'),
  RUNNER_MAX_BATCH_SIZE: z.coerce.number().int().min(1).max(4096).default(32),
  /**
   * 0, as in Triton: a free instance takes what is queued at once, so a lone request does not wait
   * for company, and batches still grow under load while every instance is busy
   */
  RUNNER_MAX_QUEUE_DELAY_MS: z.coerce.number().min(0).max(1000).default(0),
  RUNNER_MAX_QUEUE_ITEMS: z.coerce.number().int().min(1).default(1024),
  /**
   * bytes all loaded models may hold, as measured when each loaded (0: no limit); least recently
   * used idle models are evicted to stay inside it
   */
  RUNNER_MEMORY_BUDGET_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .default(4 * 1024 ** 3),
  /** the least a model counts as, per byte of its ONNX file and per instance */
  RUNNER_MEMORY_FLOOR_PER_ARTIFACT_BYTE: z.coerce.number().min(1).max(100).default(1),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type RunnerEnv = z.infer<typeof schema>;

export function readRunnerEnv(env: NodeJS.ProcessEnv = process.env): RunnerEnv {
  return parseEnv(schema, env, 'runner');
}
