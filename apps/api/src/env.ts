// The api's configuration, validated once at start-up.
import { parseEnv } from '@modelhub/config';
import { z } from 'zod';

const schema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL'),
  API_HOST: z.string().default('127.0.0.1'),
  API_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  API_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(32 * 1024 * 1024),
  /** how long a runner may take to answer one prediction */
  API_RUNNER_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  /** a runner whose heartbeat is older than this is not routed to */
  API_RUNNER_STALE_MS: z.coerce.number().int().min(100).default(15_000),
  /** how long an authenticated API key is trusted before it is looked up again */
  API_KEY_CACHE_MS: z.coerce.number().int().min(0).default(5_000),
  /** how long a resolved model version and an organization's billing mode are reused */
  API_LOOKUP_CACHE_MS: z.coerce.number().int().min(0).default(5_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type ApiEnv = z.infer<typeof schema>;

export function readApiEnv(env: NodeJS.ProcessEnv = process.env): ApiEnv {
  return parseEnv(schema, env, 'api');
}
