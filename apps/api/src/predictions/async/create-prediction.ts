// createPrediction: checks the call as `predict` does (model, access, inputs, credit), stores it
// QUEUED with its inputs and answers at once; a prediction worker runs it later. Idempotent per
// key, like predict: a repeated key returns the first prediction.
import { Prisma, withTenant, type Db, type PredictionWebhookEvent } from '@modelhub/db';
import { toJsonTensors, type InferInputTensor } from '@modelhub/inference';
import { AppError } from '../../app-error.ts';
import type { Principal } from '../../auth/principal.ts';
import { parseWebhookUrl } from '../../webhooks/webhook-url.ts';
import type { PredictionLookups } from '../prediction-lookups.ts';
import { assertCredit, findIdempotentPrediction, prepareCall } from '../run-prediction.ts';
import type { ApiJobQueue } from './job-queue.ts';
import { findPredictionRecord, type PredictionRecord } from './prediction-record.ts';

export interface CreatePredictionInput {
  modelRef: string;
  inputs: InferInputTensor[];
  outputs?: string[] | null;
  webhook?: string | null;
  /** which events the webhook gets; COMPLETED when omitted */
  webhookEvents?: PredictionWebhookEvent[] | null;
  idempotencyKey?: string | null;
}

export interface AsyncPredictionDeps {
  db: Db;
  lookups: PredictionLookups;
  queue: ApiJobQueue;
}

export async function createPrediction(
  deps: AsyncPredictionDeps,
  principal: Principal & { organizationId: string },
  input: CreatePredictionInput,
): Promise<PredictionRecord> {
  const { db } = deps;
  const organizationId = principal.organizationId;
  const call = await prepareCall(deps.lookups, organizationId, input);
  const webhookUrl = input.webhook ? parseWebhookUrl(input.webhook).toString() : null;
  if (input.webhookEvents?.length && !webhookUrl) {
    throw new AppError('BAD_USER_INPUT', 'webhookEvents need a webhook URL', {
      field: 'webhookEvents',
    });
  }
  const webhookEvents: PredictionWebhookEvent[] = webhookUrl
    ? [...new Set(input.webhookEvents?.length ? input.webhookEvents : ['COMPLETED' as const])]
    : [];

  const earlier = () => earlierPrediction(deps, organizationId, input.idempotencyKey, call.version);
  const replay = await earlier();
  if (replay) return replay;
  await assertCredit(deps, organizationId, call.price, call.items);

  let predictionId: string;
  try {
    predictionId = await withTenant(db, organizationId, async (tx) => {
      const created = await tx.prediction.create({
        data: {
          organizationId,
          modelVersionId: call.version.id,
          apiKeyId: principal.kind === 'apiKey' ? principal.apiKeyId : null,
          userId: principal.kind === 'user' ? principal.userId : null,
          mode: 'ASYNC',
          status: 'QUEUED',
          idempotencyKey: input.idempotencyKey ?? null,
          itemCount: call.items,
          // stored as JSON: typed arrays (binary and base64 inputs) become number lists
          input: toJsonTensors(call.request.inputs) as unknown as Prisma.InputJsonValue,
          requestedOutputs: input.outputs ?? [],
          webhookUrl,
          webhookEvents,
        },
        select: { id: true },
      });
      return created.id;
    });
  } catch (error) {
    // The same key, created concurrently: that one is the prediction.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      const concurrent = await earlier();
      if (concurrent) return concurrent;
    }
    throw error;
  }

  try {
    const jobId = await deps.queue.enqueuePrediction({ predictionId, organizationId });
    await withTenant(db, organizationId, (tx) =>
      tx.prediction.update({ where: { id: predictionId }, data: { queueJobId: jobId } }),
    );
  } catch (error) {
    await withTenant(db, organizationId, (tx) =>
      tx.prediction.update({
        where: { id: predictionId },
        data: {
          status: 'FAILED',
          completedAt: new Date(),
          input: Prisma.DbNull,
          error: { code: 'SERVICE_UNAVAILABLE', message: 'the prediction could not be queued' },
        },
      }),
    );
    throw new AppError('SERVICE_UNAVAILABLE', 'the prediction could not be queued; retry shortly', {
      cause: (error as Error).message,
    });
  }
  return (await withTenant(db, organizationId, (tx) =>
    findPredictionRecord(tx, organizationId, predictionId),
  ))!;
}

async function earlierPrediction(
  deps: AsyncPredictionDeps,
  organizationId: string,
  idempotencyKey: string | null | undefined,
  version: Parameters<typeof findIdempotentPrediction>[3],
): Promise<PredictionRecord | null> {
  if (!idempotencyKey) return null;
  const previous = await findIdempotentPrediction(deps.db, organizationId, idempotencyKey, version);
  if (!previous) return null;
  return withTenant(deps.db, organizationId, (tx) =>
    findPredictionRecord(tx, organizationId, previous.id),
  );
}
