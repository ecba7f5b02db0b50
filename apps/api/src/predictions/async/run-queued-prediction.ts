// What a prediction worker does with one queued prediction: claim it (QUEUED -> RUNNING), run it
// on a runner, and complete it with its charge in one transaction, conditional on it still
// being RUNNING. So a prediction canceled while running is not charged (its result is dropped),
// and one picked up again after its worker died is charged once: the second attempt either finds
// it finished, or is the only one to finish it.
import { BillingError, recordSucceededPrediction } from '@modelhub/billing';
import { Prisma, withTenant, type Db } from '@modelhub/db';
import { toJsonTensors, type InferInputTensor } from '@modelhub/inference';
import type { Logger } from 'pino';
import { AppError, toAppError } from '../../app-error.ts';
import type { RunnerRouter } from '../../routing/runner-router.ts';
import type { PredictionLookups } from '../prediction-lookups.ts';
import type { ChargeQueue } from '../charge-queue.ts';
import { callRunner, prepareCall } from '../run-prediction.ts';
import type { ApiJobQueue, PredictionJob } from './job-queue.ts';
import { findPredictionRecord } from './prediction-record.ts';

export interface QueuedPredictionDeps {
  db: Db;
  router: RunnerRouter;
  lookups: PredictionLookups;
  queue: ApiJobQueue;
  charges: ChargeQueue;
  /** how long a finished prediction's inputs and outputs are kept */
  retentionMs: number;
  logger: Logger;
}

export async function runQueuedPrediction(
  deps: QueuedPredictionDeps,
  job: PredictionJob,
): Promise<void> {
  const { db, logger } = deps;
  const { organizationId, predictionId } = job;
  const claimed = await withTenant(db, organizationId, async (tx) => {
    const updated = await tx.prediction.updateMany({
      where: {
        id: predictionId,
        organizationId,
        mode: 'ASYNC',
        status: { in: ['QUEUED', 'RUNNING'] },
      },
      data: { status: 'RUNNING', startedAt: new Date(), attempts: { increment: 1 } },
    });
    return updated.count === 1 ? findPredictionRecord(tx, organizationId, predictionId) : null;
  });
  if (!claimed) return; // canceled, or finished by an earlier attempt
  const notify = (event: 'START' | 'COMPLETED') =>
    claimed.webhookUrl && claimed.webhookEvents.includes(event)
      ? deps.queue.enqueueWebhook({ ...job, event })
      : Promise.resolve();
  await notify('START');

  const started = performance.now();
  const expiresAt = () => new Date(Date.now() + deps.retentionMs);
  try {
    if (!claimed.modelRef) throw new AppError('NOT_FOUND', 'the model is no longer available');
    const call = await prepareCall(deps.lookups, organizationId, {
      modelRef: claimed.modelRef,
      inputs: claimed.input as unknown as InferInputTensor[],
      outputs: claimed.requestedOutputs,
    });
    const outcome = await callRunner(deps.router, call);
    await deps.charges.alone(organizationId, (tx) =>
      recordSucceededPrediction(tx, {
        organizationId,
        publisherOrganizationId: call.version.model.organizationId,
        modelVersionId: call.version.id,
        apiKeyId: claimed.apiKeyId,
        userId: claimed.userId,
        runnerId: outcome.runnerId,
        idempotencyKey: claimed.idempotencyKey,
        output: toJsonTensors(outcome.outputs) as unknown as Prisma.InputJsonValue,
        metered: { items: call.items, computeMs: outcome.computeMs },
        queueMs: outcome.queueMs,
        totalMs: performance.now() - started,
        startedAt: claimed.startedAt!,
        price: call.price,
        runningPredictionId: predictionId,
        expiresAt: expiresAt(),
      }),
    );
  } catch (error) {
    // Canceled (or finished elsewhere) while it ran: nothing is charged, nothing more to say.
    if (error instanceof BillingError && error.code === 'INVALID_STATE') return;
    const failure = describeFailure(error, logger, predictionId);
    const failed = await withTenant(db, organizationId, (tx) =>
      tx.prediction.updateMany({
        where: { id: predictionId, status: 'RUNNING' },
        data: {
          status: 'FAILED',
          error: failure,
          input: Prisma.DbNull,
          completedAt: new Date(),
          totalMs: Math.round(performance.now() - started),
          expiresAt: expiresAt(),
        },
      }),
    );
    if (failed.count === 0) return;
  }
  await notify('COMPLETED');
}

/** The `{ code, message }` a FAILED prediction shows: the API's typed error, never internals. */
function describeFailure(error: unknown, logger: Logger, predictionId: string) {
  const mapped = toAppError(error);
  if (mapped instanceof AppError) {
    return { code: String(mapped.extensions.code), message: mapped.message };
  }
  logger.error({ err: error, predictionId }, 'async prediction failed unexpectedly');
  return { code: 'INTERNAL_SERVER_ERROR', message: 'the prediction failed unexpectedly' };
}
