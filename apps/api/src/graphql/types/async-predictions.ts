// Async predictions and their webhooks: createPrediction / cancelPrediction, prediction(id) and
// the organization's predictions, the delivery attempts of each webhook, and the organization's
// webhook signing secret.
import {
  PredictionMode,
  PredictionStatus,
  PredictionWebhookEvent,
  type WebhookDelivery,
} from '@modelhub/db';
import { resolveOffsetConnection } from '@pothos/plugin-relay';
import { AppError } from '../../app-error.ts';
import { requirePermission } from '../../auth/principal.ts';
import { recordAudit } from '../../identity/audit-log.ts';
import { checkIdempotencyKey } from '../../pipelines/call-arguments.ts';
import { awaitPrediction, MAX_WAIT_SECONDS } from '../../predictions/async/await-prediction.ts';
import { cancelPrediction } from '../../predictions/async/cancel-prediction.ts';
import { createPrediction } from '../../predictions/async/create-prediction.ts';
import {
  findPredictionRecord,
  withModelRefs,
  type PredictionError,
  type PredictionRecord,
} from '../../predictions/async/prediction-record.ts';
import { rotateSigningSecret, signingSecretOf } from '../../webhooks/signing-secrets.ts';
import { builder } from '../builder.ts';
import { localIdOf } from '../global-id.ts';
import { TensorInput, TensorRef, toInferInput } from './prediction.ts';

const PredictionStatusEnum = builder.enumType(PredictionStatus, {
  name: 'PredictionStatus',
  description:
    'QUEUED -> RUNNING -> SUCCEEDED | FAILED | CANCELED. Synchronous calls are recorded as SUCCEEDED.',
});
const PredictionModeEnum = builder.enumType(PredictionMode, {
  name: 'PredictionMode',
  description: 'SYNC: answered in the request (predict, …); ASYNC: createPrediction.',
});
const PredictionWebhookEventEnum = builder.enumType(PredictionWebhookEvent, {
  name: 'PredictionWebhookEvent',
  description:
    'START: the prediction started running; COMPLETED: it reached SUCCEEDED, FAILED or CANCELED.',
});

const PredictionErrorRef = builder.objectRef<PredictionError>('PredictionError').implement({
  description: 'Why a prediction FAILED: one of the API’s error codes and a message.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'The error code, e.g. GATEWAY_TIMEOUT.' }),
    message: t.exposeString('message', { description: 'What went wrong, for people.' }),
  }),
});

const WebhookDeliveryRef = builder.objectRef<WebhookDelivery>('WebhookDelivery').implement({
  description:
    'One attempt to deliver a webhook message. Failed attempts are retried with exponential backoff; every attempt is listed.',
  fields: (t) => ({
    event: t.field({
      type: PredictionWebhookEventEnum,
      description: 'The event the message reports.',
      resolve: (d) => d.event,
    }),
    messageId: t.exposeString('messageId', {
      description: 'The `webhook-id` header, the same for every attempt of one message.',
    }),
    url: t.exposeString('url', { description: 'The URL the message was posted to.' }),
    attempt: t.exposeInt('attempt', { description: '1 for the first delivery.' }),
    statusCode: t.exposeInt('statusCode', {
      nullable: true,
      description: 'The receiver’s HTTP status; null when it did not answer.',
    }),
    error: t.exposeString('error', {
      nullable: true,
      description:
        'Why the attempt failed (a network error or the status); null when it succeeded.',
    }),
    succeeded: t.exposeBoolean('succeeded', { description: 'Answered with a 2xx status.' }),
    durationMs: t.exposeInt('durationMs', {
      description: 'Milliseconds from sending to the answer or the timeout.',
    }),
    createdAt: t.expose('createdAt', {
      type: 'DateTime',
      description: 'When the attempt was made (UTC).',
    }),
  }),
});

export const PredictionRef = builder.objectRef<PredictionRecord>('Prediction');
builder.node(PredictionRef, {
  description:
    'A recorded call of a model. Async predictions (createPrediction) go QUEUED -> RUNNING -> SUCCEEDED | FAILED | CANCELED; their inputs and outputs are purged after the retention time.',
  id: { resolve: (p) => p.id },
  loadOne: (id, ctx) =>
    ctx.organizationId && ctx.principal?.permissions.has('predictions.run')
      ? findPredictionRecord(ctx.db, ctx.organizationId, id)
      : null,
  isTypeOf: (v) => typeof v === 'object' && v !== null && 'mode' in v && 'itemCount' in v,
  fields: (t) => ({
    status: t.field({
      type: PredictionStatusEnum,
      description: 'Where the prediction is in its lifecycle.',
      resolve: (p) => p.status,
    }),
    mode: t.field({
      type: PredictionModeEnum,
      description: 'Whether it was called synchronously or queued.',
      resolve: (p) => p.mode,
    }),
    model: t.string({
      nullable: true,
      description: '`publisher/model@version`; null when the model is no longer visible to you.',
      resolve: (p) => p.modelRef,
    }),
    outputs: t.field({
      type: [TensorRef],
      nullable: true,
      description:
        'The outputs of a SUCCEEDED async prediction (or a sync one with an idempotency key); null before, on failure, and after purging.',
      resolve: (p) => (p.output as never) ?? null,
    }),
    error: t.field({
      type: PredictionErrorRef,
      nullable: true,
      description: 'Why it FAILED; null otherwise.',
      resolve: (p) => (p.error as PredictionError | null) ?? null,
    }),
    costMicros: t.field({
      type: 'BigInt',
      nullable: true,
      description:
        'What the call was charged, in micro-units of `currency`; null when not charged.',
      resolve: (p) => p.usageEvent?.amountMicros ?? null,
    }),
    currency: t.string({
      nullable: true,
      description: 'ISO 4217 currency code of the charge, lower case; null when not charged.',
      resolve: (p) => p.usageEvent?.currency ?? null,
    }),
    itemCount: t.exposeInt('itemCount', { description: 'Batch elements in the call.' }),
    attempts: t.exposeInt('attempts', {
      description: 'Runs started; more than 1 when a worker stopped and another picked it up.',
    }),
    queueMs: t.exposeInt('queueMs', {
      nullable: true,
      description: 'Milliseconds waiting before compute; null until it ran.',
    }),
    computeMs: t.exposeInt('computeMs', {
      nullable: true,
      description: 'Milliseconds of model execution; null until it ran.',
    }),
    totalMs: t.exposeInt('totalMs', {
      nullable: true,
      description: 'Milliseconds from creation to completion; null until it finished.',
    }),
    createdAt: t.expose('createdAt', {
      type: 'DateTime',
      description: 'When it was called (UTC).',
    }),
    startedAt: t.expose('startedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it started running (UTC); null before.',
    }),
    completedAt: t.expose('completedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it reached SUCCEEDED, FAILED or CANCELED (UTC); null before.',
    }),
    expiresAt: t.expose('expiresAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the inputs and outputs of a finished async prediction are purged.',
    }),
    purgedAt: t.expose('purgedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When its inputs and outputs were deleted (UTC); null while they are kept.',
    }),
    webhook: t.exposeString('webhookUrl', {
      nullable: true,
      description: 'The URL that receives its webhook messages; null when none was given.',
    }),
    webhookEvents: t.field({
      type: [PredictionWebhookEventEnum],
      description: 'The events sent to the webhook.',
      resolve: (p) => p.webhookEvents,
    }),
    webhookDeliveries: t.field({
      type: [WebhookDeliveryRef],
      description: 'Every delivery attempt of this prediction’s webhooks, oldest first.',
      resolve: (p, _args, ctx) =>
        ctx.db.webhookDelivery.findMany({
          where: { predictionId: p.id, organizationId: p.organizationId },
          orderBy: [{ createdAt: 'asc' }, { attempt: 'asc' }],
        }),
    }),
  }),
});

const CreatePredictionInput = builder.inputType('CreatePredictionInput', {
  description: 'An async prediction to queue.',
  fields: (t) => ({
    model: t.string({
      required: true,
      description: '`publisher/model` (latest published version) or `publisher/model@1.2.0`.',
    }),
    inputs: t.field({
      type: [TensorInput],
      required: true,
      description: 'The input tensors, as the model signature names them.',
    }),
    outputs: t.stringList({
      required: false,
      description: 'Only these outputs; all when omitted.',
    }),
    webhook: t.string({
      required: false,
      description:
        'An http(s) URL that receives the prediction as a signed POST (Standard Webhooks headers; see webhookSigningSecret).',
    }),
    webhookEvents: t.field({
      type: [PredictionWebhookEventEnum],
      required: false,
      description: 'Which events are sent to the webhook; [COMPLETED] when omitted.',
    }),
    idempotencyKey: t.string({
      required: false,
      description: 'A retry with the same key returns the first prediction instead of a new one.',
    }),
  }),
});

builder.mutationField('createPrediction', (t) =>
  t.field({
    type: PredictionRef,
    description: `Queues a prediction and answers at once (status QUEUED), or after up to \`wait\` seconds (at most ${MAX_WAIT_SECONDS}) when it finishes sooner. Inputs, model access and credit are checked now; the charge is made when it succeeds. Needs predictions.run. Errors: as predict, and BAD_USER_INPUT for a bad webhook URL.`,
    args: {
      input: t.arg({ type: CreatePredictionInput, required: true }),
      wait: t.arg.int({
        required: false,
        description: `Seconds to hold the request for the result (0–${MAX_WAIT_SECONDS}).`,
      }),
    },
    resolve: async (_root, { input, wait }, ctx) => {
      const principal = requirePermission(ctx.principal, 'predictions.run');
      if (wait != null && (wait < 0 || wait > MAX_WAIT_SECONDS)) {
        throw new AppError('BAD_USER_INPUT', `wait must be 0 to ${MAX_WAIT_SECONDS} seconds`, {
          field: 'wait',
        });
      }
      const created = await createPrediction(ctx.services, principal, {
        modelRef: input.model,
        inputs: input.inputs.map((i) => toInferInput(i, ctx.longStrings)),
        outputs: input.outputs ?? null,
        webhook: input.webhook ?? null,
        webhookEvents: input.webhookEvents ?? null,
        idempotencyKey: checkIdempotencyKey(input.idempotencyKey),
      });
      if (!wait) return created;
      return (
        (await awaitPrediction(
          ctx.services.db,
          principal.organizationId,
          created.id,
          wait * 1000,
        )) ?? created
      );
    },
  }),
);

builder.mutationField('cancelPrediction', (t) =>
  t.field({
    type: PredictionRef,
    description:
      'Cancels a QUEUED or RUNNING async prediction; it is not charged. A finished prediction is returned unchanged. Needs predictions.run.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => {
      const principal = requirePermission(ctx.principal, 'predictions.run');
      return cancelPrediction(
        ctx.services,
        principal.organizationId,
        localIdOf(id, 'Prediction', 'prediction'),
      );
    },
  }),
);

builder.queryField('prediction', (t) =>
  t.field({
    type: PredictionRef,
    description:
      'One of your organization’s predictions. Errors: NOT_FOUND (also for another organization’s id). Needs predictions.run.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, ctx) => {
      const principal = requirePermission(ctx.principal, 'predictions.run');
      const record = await findPredictionRecord(
        ctx.db,
        principal.organizationId,
        localIdOf(id, 'Prediction', 'prediction'),
      );
      if (!record) throw new AppError('NOT_FOUND', 'prediction not found');
      return record;
    },
  }),
);

builder.queryField('predictions', (t) =>
  t.connection(
    {
      type: PredictionRef,
      description: 'Your organization’s predictions, newest first. Needs predictions.run.',
      args: {
        status: t.arg({ type: PredictionStatusEnum, required: false }),
        mode: t.arg({ type: PredictionModeEnum, required: false }),
      },
      resolve: (_root, args, ctx) => {
        const principal = requirePermission(ctx.principal, 'predictions.run');
        const organizationId = principal.organizationId;
        return resolveOffsetConnection({ args }, async ({ offset, limit }) => {
          const rows = await ctx.db.prediction.findMany({
            where: {
              organizationId,
              ...(args.status ? { status: args.status } : {}),
              ...(args.mode ? { mode: args.mode } : {}),
            },
            include: { usageEvent: true },
            orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
            skip: offset,
            take: limit,
          });
          return withModelRefs(ctx.db, rows);
        });
      },
    },
    {
      description: 'A page of the organization’s predictions.',
    },
    {
      description: 'One prediction and its cursor.',
      nodeField: { description: 'The prediction.' },
    },
  ),
);

builder.queryField('webhookSigningSecret', (t) =>
  t.string({
    description:
      'The organization’s secret for verifying webhook signatures (`whsec_…`, Standard Webhooks; the SDK’s verifyWebhook takes it). Made on first read. Needs keys.manage.',
    resolve: (_root, _args, ctx) => {
      const principal = requirePermission(ctx.principal, 'keys.manage');
      return ctx.tenant((tx) => signingSecretOf(tx, principal.organizationId));
    },
  }),
);

builder.mutationField('rotateWebhookSigningSecret', (t) =>
  t.string({
    description:
      'Replaces the webhook signing secret; deliveries from now on are signed with the new one. Audited. Needs keys.manage.',
    resolve: (_root, _args, ctx) => {
      const principal = requirePermission(ctx.principal, 'keys.manage');
      return ctx.tenant(async (tx) => {
        const secret = await rotateSigningSecret(tx, principal.organizationId);
        await recordAudit(tx, ctx, {
          organizationId: principal.organizationId,
          action: 'webhookSecret.rotate',
          target: { type: 'Organization', id: principal.organizationId },
        });
        return secret;
      });
    },
  }),
);
