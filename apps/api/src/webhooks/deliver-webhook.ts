// Delivers one webhook message about a prediction and records the attempt. A failed attempt
// (no answer, or not 2xx) throws, so the job queue retries it with exponential backoff; every
// attempt, failed or not, is a WebhookDelivery row the caller can read through the API.
import { withTenant, type Db } from '@modelhub/db';
import type { WebhookJob } from '../predictions/async/job-queue.ts';
import { findPredictionRecord, predictionPayload } from '../predictions/async/prediction-record.ts';
import { postWebhook } from './post-webhook.ts';
import { signingSecretOf } from './signing-secrets.ts';
import { signWebhook } from './webhook-signature.ts';

export interface WebhookDeliveryOptions {
  db: Db;
  timeoutMs: number;
  /** deliver to loopback and private addresses (development and tests only) */
  allowInternal: boolean;
}

/** Thrown for an attempt that failed; the queue tries again later. */
export class WebhookAttemptFailed extends Error {
  override readonly name = 'WebhookAttemptFailed';
}

const EVENT_TYPES = { START: 'prediction.started', COMPLETED: 'prediction.completed' } as const;

export async function deliverWebhook(
  options: WebhookDeliveryOptions,
  job: WebhookJob,
  attempt: number,
): Promise<void> {
  const { db } = options;
  const message = await withTenant(db, job.organizationId, async (tx) => {
    const record = await findPredictionRecord(tx, job.organizationId, job.predictionId);
    if (!record?.webhookUrl) return null;
    return { record, secret: await signingSecretOf(tx, job.organizationId) };
  });
  if (!message) return; // the prediction is gone (organization deleted)
  const { record, secret } = message;
  const url = new URL(record.webhookUrl!);
  const timestamp = new Date();
  const messageId = `msg_${record.id}_${job.event.toLowerCase()}`;
  const body = JSON.stringify({
    type: EVENT_TYPES[job.event],
    timestamp: timestamp.toISOString(),
    data: predictionPayload(record),
  });
  const headers = signWebhook(secret, messageId, timestamp, body);
  const result = await postWebhook(url, { ...headers }, body, {
    timeoutMs: options.timeoutMs,
    allowInternal: options.allowInternal,
  });
  const succeeded =
    result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
  await withTenant(db, job.organizationId, (tx) =>
    tx.webhookDelivery.create({
      data: {
        organizationId: job.organizationId,
        predictionId: record.id,
        event: job.event,
        messageId,
        url: record.webhookUrl!,
        attempt,
        statusCode: result.statusCode,
        error: result.error ?? (succeeded ? null : `answered ${result.statusCode}`),
        durationMs: result.durationMs,
        succeeded,
      },
    }),
  );
  if (!succeeded) {
    throw new WebhookAttemptFailed(
      `webhook ${messageId} attempt ${attempt}: ${result.error ?? `HTTP ${result.statusCode}`}`,
    );
  }
}
