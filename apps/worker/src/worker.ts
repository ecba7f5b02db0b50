// The background worker: pg-boss on the owner role's connection, running publisher earnings
// (monthly statements) and the purge of expired async predictions always, and billing's meter reporting (and its periodic sweep) when
// Stripe is configured. In ledger-only mode it starts
// anyway and runs no Stripe job, so a deployment without Stripe does not crash-loop.
import { startMeterReporting, type BillingLogger, type StripeAdapter } from '@modelhub/billing';
import { createDb, loggableError, type Db } from '@modelhub/db';
import { PgBoss } from 'pg-boss';
import { startEarningsJob } from './earnings-job.ts';
import { startPredictionRetentionJob } from './prediction-retention-job.ts';

export interface WorkerOptions {
  databaseUrl: string;
  /** null: ledger-only, nothing is reported to Stripe */
  adapter: StripeAdapter | null;
  logger: BillingLogger;
  sweepCron: string;
  concurrency: number;
  queueSchema: string;
  /** the platform's share of publisher revenue, in basis points (100 = 1%) */
  platformFeeBps: number;
  /** when publisher earnings are computed, UTC */
  earningsCron: string;
  /** when expired async predictions' inputs and outputs are purged, UTC */
  predictionPurgeCron: string;
}

export interface Worker {
  db: Db;
  boss: PgBoss;
  mode: 'stripe' | 'ledger-only';
  /** Stops taking jobs and waits up to `drainTimeoutMs` for those in flight. */
  stop(drainTimeoutMs: number): Promise<void>;
}

export async function startWorker(options: WorkerOptions): Promise<Worker> {
  const { logger } = options;
  const pool = options.concurrency + 2;
  const db = createDb(options.databaseUrl, { maxConnections: pool });
  const boss = new PgBoss({
    connectionString: options.databaseUrl,
    schema: options.queueSchema,
    max: pool,
    application_name: 'modelhub-worker',
  });
  boss.on('error', (error) => logger.error({ err: loggableError(error) }, 'job queue error'));
  await boss.start();
  await startEarningsJob({
    db,
    boss,
    logger,
    platformFeeBps: options.platformFeeBps,
    cron: options.earningsCron,
  });
  await startPredictionRetentionJob({ db, boss, logger, cron: options.predictionPurgeCron });
  const mode = options.adapter ? 'stripe' : 'ledger-only';
  if (options.adapter) {
    const reporting = await startMeterReporting({
      db,
      boss,
      adapter: options.adapter,
      logger,
      sweepCron: options.sweepCron,
      concurrency: options.concurrency,
    });
    // Catch up at start rather than at the first scheduled sweep.
    await reporting.requestSweep();
    logger.info({ mode, sweepCron: options.sweepCron }, 'meter reporting started');
  } else {
    logger.warn({ mode }, 'STRIPE_SECRET_KEY is not set: usage is kept in the ledger only');
  }
  return {
    db,
    boss,
    mode,
    async stop(drainTimeoutMs) {
      await boss.stop({ graceful: true, timeout: drainTimeoutMs });
      await db.$disconnect();
    },
  };
}
