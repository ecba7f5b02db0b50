// cancelPrediction: a QUEUED prediction never runs; a RUNNING one is marked CANCELED at once and
// its result, when the runner answers, is dropped uncharged (see run-queued-prediction.ts).
// Cancelling a finished prediction changes nothing and returns it as it is.
import { Prisma, withTenant, type Db } from '@modelhub/db';
import type { Logger } from 'pino';
import { AppError } from '../../app-error.ts';
import type { ApiJobQueue } from './job-queue.ts';
import { findPredictionRecord, type PredictionRecord } from './prediction-record.ts';

export interface CancelDeps {
  db: Db;
  queue: ApiJobQueue;
  retentionMs: number;
  logger: Logger;
}

export async function cancelPrediction(
  deps: CancelDeps,
  organizationId: string,
  predictionId: string,
): Promise<PredictionRecord> {
  const { canceled, record } = await withTenant(deps.db, organizationId, async (tx) => {
    const updated = await tx.prediction.updateMany({
      where: {
        id: predictionId,
        organizationId,
        mode: 'ASYNC',
        status: { in: ['QUEUED', 'RUNNING'] },
      },
      data: {
        status: 'CANCELED',
        completedAt: new Date(),
        input: Prisma.DbNull,
        expiresAt: new Date(Date.now() + deps.retentionMs),
      },
    });
    return {
      canceled: updated.count === 1,
      record: await findPredictionRecord(tx, organizationId, predictionId),
    };
  });
  if (!record) throw new AppError('NOT_FOUND', 'prediction not found');
  if (canceled) {
    if (record.queueJobId) {
      // Best effort: a job that starts anyway finds the prediction CANCELED and stops.
      await deps.queue
        .cancelPredictionJob(record.queueJobId)
        .catch((error: unknown) =>
          deps.logger.warn({ err: error, predictionId }, 'could not cancel the queued job'),
        );
    }
    if (record.webhookUrl && record.webhookEvents.includes('COMPLETED')) {
      await deps.queue.enqueueWebhook({ organizationId, predictionId, event: 'COMPLETED' });
    }
  }
  return record;
}
