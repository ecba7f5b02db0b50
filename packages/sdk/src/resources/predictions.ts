// Async predictions: `create` queues a prediction and answers at once (or after up to `wait`
// seconds); `get`, `wait` (polls until it finishes) and `cancel` follow it; `list` pages through
// the organization's predictions; `webhookDeliveries` shows every delivery attempt.
import {
  CancelPredictionDocument,
  CreatePredictionDocument,
  GetPredictionDocument,
  ListPredictionsDocument,
  PredictionWebhookDeliveriesDocument,
  type PredictionFieldsFragment,
  type PredictionMode,
  type PredictionStatus,
  type PredictionWebhookEvent,
} from '../generated/graphql.ts';
import { BadUserInputError, RequestTimeoutError } from '../errors.ts';
import type { GraphQLTransport } from '../graphql-transport.ts';
import {
  checkNonEmptyString,
  checkOptionalPositiveInt,
  checkOptionalString,
  checkOptionalStringList,
} from '../input-checks.ts';
import { PageRequest } from '../pagination.ts';
import { toTensor, type Tensor } from '../predict.ts';
import { toBigIntOrNull, toDate, toDateOrNull } from '../scalars.ts';
import { toWireInputs, type TensorInput } from '../tensor-checks.ts';

export interface AsyncPrediction {
  id: string;
  status: PredictionStatus;
  mode: PredictionMode;
  /** `publisher/model@version`; null when the model is no longer visible to you */
  model: string | null;
  /** set once SUCCEEDED; null before, on failure, and after the retention time */
  outputs: Tensor[] | null;
  /** why it FAILED: one of the API's error codes */
  error: { code: string; message: string } | null;
  /** what it was charged; null until it succeeded (failed and canceled ones are not charged) */
  costMicros: bigint | null;
  currency: string | null;
  /** runs started: more than 1 when a worker stopped and another picked it up */
  attempts: number;
  timings: { queueMs: number | null; computeMs: number | null; totalMs: number | null };
  createdAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  /** when its inputs and outputs are purged */
  expiresAt: Date | null;
  purgedAt: Date | null;
  webhook: string | null;
  webhookEvents: PredictionWebhookEvent[];
}

export interface CreatePredictionOptions {
  /** only these outputs; all when omitted */
  outputs?: string[];
  /** an http(s) URL that receives signed POSTs (check them with `verifyWebhook`) */
  webhook?: string;
  /** which events the webhook gets; ['COMPLETED'] when omitted */
  webhookEvents?: PredictionWebhookEvent[];
  /** a repeated call with the same key returns the first prediction (and may be retried safely) */
  idempotencyKey?: string;
  /** seconds (0–60) the api holds the request for the result before answering */
  wait?: number;
}

export interface WaitOptions {
  /** give up after this long (default 5 minutes) with a RequestTimeoutError */
  timeoutMs?: number;
  /** the first pause between polls; it grows to `maxIntervalMs` (defaults 250 ms and 2 s) */
  intervalMs?: number;
  maxIntervalMs?: number;
}

export interface WebhookDelivery {
  event: PredictionWebhookEvent;
  /** the `webhook-id` header, the same for every attempt of one message */
  messageId: string;
  url: string;
  attempt: number;
  /** the receiver's status; null when it did not answer */
  statusCode: number | null;
  error: string | null;
  succeeded: boolean;
  durationMs: number;
  createdAt: Date;
}

const TERMINAL: readonly PredictionStatus[] = ['SUCCEEDED', 'FAILED', 'CANCELED'];

export class PredictionsResource {
  constructor(private readonly transport: GraphQLTransport) {}

  /** Queues `model` on `inputs`. Needs an API key with the PREDICT scope (or a member's session). */
  async create(
    model: string,
    inputs: readonly TensorInput[],
    options: CreatePredictionOptions = {},
  ): Promise<AsyncPrediction> {
    checkNonEmptyString(model, 'model');
    if (
      options.wait !== undefined &&
      (!Number.isInteger(options.wait) || options.wait < 0 || options.wait > 60)
    ) {
      throw new BadUserInputError('wait must be a whole number of seconds from 0 to 60', {
        field: 'wait',
      });
    }
    const idempotencyKey = checkOptionalString(options.idempotencyKey, 'idempotencyKey');
    const input = {
      model,
      inputs: toWireInputs(inputs),
      outputs: checkOptionalStringList(options.outputs, 'outputs'),
      webhook: checkOptionalString(options.webhook, 'webhook'),
      webhookEvents: options.webhookEvents,
      idempotencyKey,
    };
    const data = await this.transport.execute(
      CreatePredictionDocument,
      { input, wait: options.wait },
      // Without a key a repeat after a lost answer would queue a second prediction.
      { idempotent: idempotencyKey !== undefined },
    );
    return toAsyncPrediction(data.createPrediction);
  }

  async get(id: string): Promise<AsyncPrediction> {
    checkNonEmptyString(id, 'id');
    const data = await this.transport.execute(GetPredictionDocument, { id }, { idempotent: true });
    return toAsyncPrediction(data.prediction);
  }

  /** Polls until the prediction is SUCCEEDED, FAILED or CANCELED, and returns it. */
  async wait(id: string, options: WaitOptions = {}): Promise<AsyncPrediction> {
    const timeoutMs = options.timeoutMs ?? 5 * 60_000;
    const deadline = Date.now() + timeoutMs;
    let interval = options.intervalMs ?? 250;
    const maxInterval = options.maxIntervalMs ?? 2_000;
    for (;;) {
      const prediction = await this.get(id);
      if (TERMINAL.includes(prediction.status)) return prediction;
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new RequestTimeoutError(
          `prediction ${id} is still ${prediction.status} after ${timeoutMs} ms`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(interval, left)));
      interval = Math.min(interval * 2, maxInterval);
    }
  }

  /** Cancels a QUEUED or RUNNING prediction (not charged); a finished one comes back unchanged. */
  async cancel(id: string): Promise<AsyncPrediction> {
    checkNonEmptyString(id, 'id');
    const data = await this.transport.execute(
      CancelPredictionDocument,
      { id },
      // Cancelling twice is the same as once.
      { idempotent: true },
    );
    return toAsyncPrediction(data.cancelPrediction);
  }

  /** The organization's predictions, newest first. */
  list(
    params: { status?: PredictionStatus; first?: number; after?: string } = {},
  ): PageRequest<AsyncPrediction> {
    const first = checkOptionalPositiveInt(params.first, 'first');
    const after = checkOptionalString(params.after, 'after');
    return new PageRequest(async (cursor) => {
      const data = await this.transport.execute(
        ListPredictionsDocument,
        { first, after: cursor, status: params.status },
        { idempotent: true },
      );
      const { edges, pageInfo } = data.predictions;
      return {
        items: edges.map((edge) => toAsyncPrediction(edge.node)),
        hasNextPage: pageInfo.hasNextPage,
        endCursor: pageInfo.endCursor ?? null,
      };
    }, after);
  }

  /** Every delivery attempt of the prediction's webhooks, oldest first. */
  async webhookDeliveries(id: string): Promise<WebhookDelivery[]> {
    checkNonEmptyString(id, 'id');
    const data = await this.transport.execute(
      PredictionWebhookDeliveriesDocument,
      { id },
      { idempotent: true },
    );
    return data.prediction.webhookDeliveries.map((d) => ({ ...d, createdAt: toDate(d.createdAt) }));
  }
}

function toAsyncPrediction(p: PredictionFieldsFragment): AsyncPrediction {
  return {
    id: p.id,
    status: p.status,
    mode: p.mode,
    model: p.model ?? null,
    outputs: p.outputs ? p.outputs.map(toTensor) : null,
    error: p.error ?? null,
    costMicros: toBigIntOrNull(p.costMicros ?? null),
    currency: p.currency ?? null,
    attempts: p.attempts,
    timings: {
      queueMs: p.queueMs ?? null,
      computeMs: p.computeMs ?? null,
      totalMs: p.totalMs ?? null,
    },
    createdAt: toDate(p.createdAt),
    startedAt: toDateOrNull(p.startedAt ?? null),
    completedAt: toDateOrNull(p.completedAt ?? null),
    expiresAt: toDateOrNull(p.expiresAt ?? null),
    purgedAt: toDateOrNull(p.purgedAt ?? null),
    webhook: p.webhook ?? null,
    webhookEvents: p.webhookEvents,
  };
}
