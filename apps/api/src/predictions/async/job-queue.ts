// The api's durable job queue: pg-boss in the `api_jobs` schema, on the app role's connection
// (the migration lets modelhub_app create pg-boss's tables there; it cannot reach the worker's
// queue or create schemas). Jobs carry ids only: inputs and outputs stay in "Prediction", under
// row-level security.
import { PgBoss, type Job } from 'pg-boss';
import type { PredictionWebhookEvent } from '@modelhub/db';

export const API_JOBS_SCHEMA = 'api_jobs';
export const PREDICTION_QUEUE = 'predictions.run';
export const WEBHOOK_QUEUE = 'webhooks.deliver';

export interface PredictionJob {
  predictionId: string;
  organizationId: string;
}

export interface WebhookJob extends PredictionJob {
  event: PredictionWebhookEvent;
}

export interface JobQueueOptions {
  databaseUrl: string;
  /**
   * A running prediction's worker proves it is alive this often; one that stops (a crashed
   * process) has its job handed to another worker after this long. At least 10 s.
   */
  heartbeatSeconds: number;
  /** how often expired heartbeats are looked for (pg-boss supervision) */
  superviseIntervalSeconds: number;
  /** webhook deliveries after the first (exponential backoff) */
  webhookRetryLimit: number;
  /** the first retry's delay; it doubles per attempt, up to `webhookRetryDelayMaxSeconds` */
  webhookRetryDelaySeconds: number;
  webhookRetryDelayMaxSeconds: number;
  maxConnections: number;
}

export class ApiJobQueue {
  readonly boss: PgBoss;

  constructor(private readonly options: JobQueueOptions) {
    this.boss = new PgBoss({
      connectionString: options.databaseUrl,
      schema: API_JOBS_SCHEMA,
      createSchema: false,
      max: options.maxConnections,
      application_name: 'modelhub-api-jobs',
      superviseIntervalSeconds: options.superviseIntervalSeconds,
      monitorIntervalSeconds: options.superviseIntervalSeconds,
      // Cron is the worker's business; the api only runs jobs.
      schedule: false,
    });
  }

  async start(onError: (error: Error) => void): Promise<void> {
    this.boss.on('error', onError);
    await this.boss.start();
    await this.ensureQueue(PREDICTION_QUEUE, {
      // A prediction is run again only when its worker died (no heartbeat); a prediction that
      // failed is FAILED, not retried.
      retryLimit: 3,
      heartbeatSeconds: this.options.heartbeatSeconds,
      expireInSeconds: 60 * 60,
      notify: true,
    });
    await this.ensureQueue(WEBHOOK_QUEUE, {
      retryLimit: this.options.webhookRetryLimit,
      retryDelay: this.options.webhookRetryDelaySeconds,
      retryBackoff: true,
      retryDelayMax: this.options.webhookRetryDelayMaxSeconds,
      expireInSeconds: 60,
      notify: true,
    });
  }

  /** Queues a prediction run; the job id, for cancelling it while queued. */
  async enqueuePrediction(job: PredictionJob): Promise<string> {
    const id = await this.boss.send(PREDICTION_QUEUE, job, { singletonKey: job.predictionId });
    if (!id) throw new Error(`prediction ${job.predictionId} is already queued`);
    return id;
  }

  /** Queues a webhook message; one per prediction and event, however often it is asked for. */
  async enqueueWebhook(job: WebhookJob): Promise<void> {
    await this.boss.send(WEBHOOK_QUEUE, job, {
      singletonKey: `${job.predictionId}:${job.event}`,
    });
  }

  async cancelPredictionJob(jobId: string): Promise<void> {
    await this.boss.cancel(PREDICTION_QUEUE, jobId);
  }

  async stop(graceful: boolean, timeoutMs: number): Promise<void> {
    await this.boss.stop({ graceful, timeout: timeoutMs });
  }

  private async ensureQueue(name: string, options: Parameters<PgBoss['createQueue']>[1]) {
    if (await this.boss.getQueue(name)) await this.boss.updateQueue(name, options);
    else await this.boss.createQueue(name, options);
  }
}

export type { Job };
