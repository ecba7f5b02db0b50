// The api's async workers: each api process takes prediction runs and webhook deliveries from
// the job queue, `concurrency` of each at a time (0: this process only queues). Async
// predictions run in the api because they are `predict` detached from the request: the same
// routing, the same charging path; they scale with the api replicas.
import { deliverWebhook, type WebhookDeliveryOptions } from '../../webhooks/deliver-webhook.ts';
import {
  PREDICTION_QUEUE,
  WEBHOOK_QUEUE,
  type PredictionJob,
  type WebhookJob,
} from './job-queue.ts';
import { runQueuedPrediction, type QueuedPredictionDeps } from './run-queued-prediction.ts';

export interface PredictionWorkerOptions {
  concurrency: number;
  webhooks: Omit<WebhookDeliveryOptions, 'db'>;
  /** how often idle workers look for jobs when no notification came (seconds, >= 0.5) */
  pollingIntervalSeconds: number;
}

export async function startPredictionWorkers(
  deps: QueuedPredictionDeps,
  options: PredictionWorkerOptions,
): Promise<void> {
  if (options.concurrency <= 0) return;
  const { boss } = deps.queue;
  const work = {
    batchSize: 1,
    localConcurrency: options.concurrency,
    pollingIntervalSeconds: options.pollingIntervalSeconds,
  };
  await boss.work<PredictionJob>(PREDICTION_QUEUE, work, async ([job]) => {
    await runQueuedPrediction(deps, job!.data);
  });
  await boss.work<WebhookJob>(WEBHOOK_QUEUE, work, async ([job]) => {
    const attempt = job!.retryCount + 1;
    try {
      await deliverWebhook({ db: deps.db, ...options.webhooks }, job!.data, attempt);
    } catch (error) {
      deps.logger.warn(
        { predictionId: job!.data.predictionId, attempt, err: (error as Error).message },
        'webhook delivery failed; it will be retried',
      );
      throw error;
    }
  });
}
