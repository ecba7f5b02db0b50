// The runner's configuration, validated once at start-up.
import os from 'node:os';
import { parseEnv } from '@modelhub/config';
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
  RUNNER_INTRA_OP_THREADS: z.coerce.number().int().min(0).default(0),
  RUNNER_HEARTBEAT_MS: z.coerce.number().int().min(100).default(5_000),
  RUNNER_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(64 * 1024 * 1024),
  /** dynamic batching defaults (per model; a version's runtimeConfig.batching overrides) */
  RUNNER_BATCHING: z.enum(['on', 'off']).default('on'),
  RUNNER_MAX_BATCH_SIZE: z.coerce.number().int().min(1).max(4096).default(32),
  RUNNER_MAX_QUEUE_DELAY_MS: z.coerce.number().min(0).max(1000).default(2),
  RUNNER_MAX_QUEUE_ITEMS: z.coerce.number().int().min(1).default(1024),
  /** estimated bytes all loaded models may hold; least recently used idle models are evicted */
  RUNNER_MEMORY_BUDGET_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .default(4 * 1024 ** 3),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type RunnerEnv = z.infer<typeof schema>;

export function readRunnerEnv(env: NodeJS.ProcessEnv = process.env): RunnerEnv {
  return parseEnv(schema, env, 'runner');
}
