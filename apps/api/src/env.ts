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
  /** the largest model file the upload route accepts */
  API_MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(512 * 1024 * 1024),
  /** how long a runner may take to answer one prediction */
  API_RUNNER_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  /** a runner whose heartbeat is older than this is not routed to */
  API_RUNNER_STALE_MS: z.coerce.number().int().min(100).default(15_000),
  /** how long an authenticated API key is trusted before it is looked up again */
  API_KEY_CACHE_MS: z.coerce.number().int().min(0).default(5_000),
  /** how long a resolved model version and an organization's billing mode are reused */
  API_LOOKUP_CACHE_MS: z.coerce.number().int().min(0).default(5_000),
  /** next-auth's secret, shared with the portal, to accept its sessions */
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** the portal's address, for links in emails */
  PORTAL_URL: z.string().url().default('http://127.0.0.1:3000'),
  /** e.g. smtp://user:pass@mail.example.com:587; without it emails go to the dev mailbox */
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default('Modelhub <no-reply@modelhub.local>'),
  /** requests per minute for API keys and users without a limit of their own */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** failed sign-ins per email per 15 minutes before further attempts are refused */
  API_SIGN_IN_ATTEMPTS: z.coerce.number().int().min(1).default(10),
  /** async predictions (and webhook deliveries) one api process runs at once; 0: it only queues */
  API_PREDICTION_CONCURRENCY: z.coerce.number().int().min(0).max(256).default(4),
  /** how long a finished async prediction's inputs and outputs are kept */
  API_PREDICTION_RETENTION_HOURS: z.coerce.number().min(0).default(24),
  /** deliver webhooks to loopback and private addresses; only for development */
  API_WEBHOOK_ALLOW_INTERNAL: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type ApiEnv = z.infer<typeof schema>;

export function readApiEnv(env: NodeJS.ProcessEnv = process.env): ApiEnv {
  return parseEnv(schema, env, 'api');
}
