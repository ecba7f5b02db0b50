// Retention of async predictions: once a finished prediction's `expiresAt` (stamped by the api
// from API_PREDICTION_RETENTION_HOURS) has passed, its inputs and outputs are deleted. The row
// stays, with its status, timings and charge: usage and the ledger refer to it, and callers
// see `purgedAt` instead of a prediction that vanished.
import { Prisma, type Db } from '@modelhub/db';
import type { BillingLogger } from '@modelhub/billing';
import type { PgBoss } from 'pg-boss';

export const PREDICTION_PURGE_QUEUE = 'predictions.purge';

/** Purges every expired prediction; returns how many. Runs on the owner role (all tenants). */
export async function purgeExpiredPredictions(db: Db, now = new Date()): Promise<number> {
  const purged = await db.prediction.updateMany({
    where: { expiresAt: { lte: now }, purgedAt: null },
    data: { input: Prisma.DbNull, output: Prisma.DbNull, purgedAt: now },
  });
  return purged.count;
}

export async function startPredictionRetentionJob(options: {
  db: Db;
  boss: PgBoss;
  logger: BillingLogger;
  cron: string;
}): Promise<void> {
  const { db, boss, logger } = options;
  await boss.createQueue(PREDICTION_PURGE_QUEUE, { policy: 'singleton' });
  await boss.work(PREDICTION_PURGE_QUEUE, async () => {
    const purged = await purgeExpiredPredictions(db);
    if (purged > 0) logger.info({ purged }, 'expired prediction data purged');
  });
  await boss.schedule(PREDICTION_PURGE_QUEUE, options.cron, null, { tz: 'UTC' });
}
