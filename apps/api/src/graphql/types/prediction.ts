import type { Datatype, InferInputTensor, InferOutputTensor } from '@modelhub/inference';
import { requirePermission } from '../../auth/principal.ts';
import { checkIdempotencyKey } from '../../pipelines/call-arguments.ts';
import { AppError } from '../../app-error.ts';
import { runPrediction, type PredictionResult } from '../../predictions/run-prediction.ts';
import { builder } from '../builder.ts';
import { DatatypeEnum } from './enums.ts';
import { ModelVersionRef } from './model-version.ts';

export const TensorInput = builder.inputType('TensorInput', {
  description:
    'One input tensor, row-major. Numeric and BOOL tensors use `data` (BOOL as 0/1); BYTES tensors use `stringData`.',
  fields: (t) => ({
    name: t.string({ required: true }),
    datatype: t.field({ type: DatatypeEnum, required: true }),
    shape: t.intList({ required: true }),
    data: t.floatList({ required: false }),
    stringData: t.stringList({ required: false }),
  }),
});

export const TensorRef = builder.objectRef<InferOutputTensor>('Tensor').implement({
  description:
    'An output tensor, row-major. Numeric and BOOL tensors fill `data`; BYTES tensors fill `stringData`.',
  fields: (t) => ({
    name: t.exposeString('name'),
    datatype: t.field({ type: DatatypeEnum, resolve: (o) => o.datatype }),
    shape: t.exposeIntList('shape'),
    data: t.floatList({
      nullable: true,
      resolve: (o) =>
        o.datatype === 'BYTES' ? null : (o.data as (number | boolean)[]).map(Number),
    }),
    stringData: t.stringList({
      nullable: true,
      resolve: (o) => (o.datatype === 'BYTES' ? (o.data as string[]) : null),
    }),
  }),
});

const PredictionTimings = builder.objectRef<PredictionResult>('PredictionTimings').implement({
  fields: (t) => ({
    queueMs: t.float({
      description: 'Time waiting on the runner before compute.',
      resolve: (p) => p.queueMs,
    }),
    computeMs: t.float({
      description: 'Model execution time on the runner.',
      resolve: (p) => p.computeMs,
    }),
    totalMs: t.float({ description: 'Time in the api, end to end.', resolve: (p) => p.totalMs }),
  }),
});

const PredictionResultRef = builder.objectRef<PredictionResult>('PredictionResult').implement({
  description: 'The result of a synchronous prediction, and what it cost.',
  fields: (t) => ({
    id: t.id({ description: 'The recorded prediction.', resolve: (p) => p.predictionId }),
    model: t.string({
      description: '`publisher/model@version` that ran.',
      resolve: (p) =>
        `${p.version.model.organization.slug}/${p.version.model.slug}@${p.version.version}`,
    }),
    modelVersion: t.field({ type: ModelVersionRef, resolve: (p) => p.version }),
    outputs: t.field({ type: [TensorRef], resolve: (p) => p.outputs }),
    costMicros: t.field({
      type: 'BigInt',
      description: 'Charged for this call, in micro-units of `currency`.',
      resolve: (p) => p.costMicros,
    }),
    currency: t.string({ resolve: (p) => p.currency }),
    replayed: t.boolean({
      description:
        'True when an earlier call with the same idempotency key answered (and was charged).',
      resolve: (p) => p.replayed,
    }),
    timings: t.field({ type: PredictionTimings, resolve: (p) => p }),
  }),
});

export function toInferInput(tensor: {
  name: string;
  datatype: Datatype;
  shape: number[];
  data?: number[] | null;
  stringData?: string[] | null;
}): InferInputTensor {
  const { name, datatype, shape } = tensor;
  if (datatype === 'BYTES') {
    if (!tensor.stringData)
      throw new AppError(
        'BAD_USER_INPUT',
        `input '${name}' is BYTES: send its values in stringData`,
      );
    return { name, datatype, shape, data: tensor.stringData };
  }
  if (!tensor.data) throw new AppError('BAD_USER_INPUT', `input '${name}' has no data`);
  return {
    name,
    datatype,
    shape,
    data: datatype === 'BOOL' ? tensor.data.map((v) => v !== 0) : tensor.data,
  };
}

builder.mutationField('predict', (t) =>
  t.field({
    type: PredictionResultRef,
    description:
      'Runs a model synchronously and charges the caller’s organization. Needs an API key with the predict scope, or a signed-in member who may run predictions. Errors: BAD_USER_INPUT (inputs do not match the signature), NOT_FOUND, UNAUTHENTICATED, FORBIDDEN, PAYMENT_REQUIRED, SERVICE_UNAVAILABLE, GATEWAY_TIMEOUT.',
    args: {
      model: t.arg.string({
        required: true,
        description: '`publisher/model` (latest published version) or `publisher/model@1.2.0`.',
      }),
      inputs: t.arg({ type: [TensorInput], required: true }),
      outputs: t.arg.stringList({
        required: false,
        description: 'Only these outputs; all when omitted.',
      }),
      idempotencyKey: t.arg.string({
        required: false,
        description: 'A retry with the same key returns the first result and is not charged again.',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const principal = requirePermission(ctx.principal, 'predictions.run');
      const idempotencyKey = checkIdempotencyKey(args.idempotencyKey);
      return runPrediction(ctx.services, principal, {
        modelRef: args.model,
        inputs: args.inputs.map((i) => toInferInput({ ...i, datatype: i.datatype })),
        outputs: args.outputs ?? null,
        idempotencyKey,
      });
    },
  }),
);
