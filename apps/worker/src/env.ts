// The worker's configuration, validated once at start-up. Stripe's settings (STRIPE_SECRET_KEY,
// STRIPE_API_BASE, STRIPE_METER_EVENT_NAME) are billing's and validated by @modelhub/billing.
import { parseEnv } from '@modelhub/config';
import { z } from 'zod';

// Five fields (minute hour day month weekday) or six (seconds first), as pg-boss schedules them.
const CRON = /^(\S+\s+){4,5}\S+$/;

const schema = z.object({
  /** the owner role: pg-boss keeps its own schema, and the sweep reads every organization */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL'),
  /** when the sweep for unreported postpaid usage runs, UTC */
  METER_SWEEP_CRON: z
    .string()
    .trim()
    .regex(CRON, 'a cron expression of 5 or 6 fields')
    .default('* * * * *'),
  /** the platform's share of publisher revenue, in basis points (2000 = 20%) */
  PLATFORM_FEE_BPS: z.coerce.number().int().min(0).max(10_000).default(2_000),
  /** when publisher earnings are computed, UTC (default: hourly, statements are idempotent) */
  EARNINGS_CRON: z
    .string()
    .trim()
    .regex(CRON, 'a cron expression of 5 or 6 fields')
    .default('0 * * * *'),
  /** when expired async predictions' inputs and outputs are purged, UTC (every 5 minutes) */
  PREDICTION_PURGE_CRON: z
    .string()
    .trim()
    .regex(CRON, 'a cron expression of 5 or 6 fields')
    .default('*/5 * * * *'),
  /** meter reports in flight at once */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** how long SIGTERM waits for jobs in flight before exiting (they are retried elsewhere) */
  WORKER_DRAIN_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  /** the PostgreSQL schema pg-boss keeps its queues in */
  WORKER_QUEUE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'a lower-case PostgreSQL identifier')
    .default('pgboss'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type WorkerEnv = z.infer<typeof schema>;

export function readWorkerEnv(env: NodeJS.ProcessEnv = process.env): WorkerEnv {
  return parseEnv(schema, env, 'worker');
}
