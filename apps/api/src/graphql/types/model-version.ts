import type { EvaluationResult, ModelVersion, Price } from '@modelhub/db';
import type { TensorSpec } from '@modelhub/inference';
import { builder } from '../builder.ts';
import { DatatypeEnum, ModelVersionStatusEnum, PriceUnitEnum } from './enums.ts';

export const TensorSpecRef = builder.objectRef<TensorSpec>('TensorSpec').implement({
  description: 'An input or output of a model, read from its ONNX graph.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The tensor’s name in the graph.' }),
    datatype: t.field({
      type: DatatypeEnum,
      description: 'The element type.',
      resolve: (s) => s.datatype,
    }),
    shape: t.exposeIntList('shape', {
      description: 'Dimensions; -1 marks a dynamic dimension (any size).',
    }),
  }),
});

export const PriceRef = builder.objectRef<Price>('Price').implement({
  description: 'What calling a model version costs.',
  fields: (t) => ({
    unit: t.field({
      type: PriceUnitEnum,
      description: 'What is charged for: a call, an item or compute time.',
      resolve: (p) => p.unit,
    }),
    amountMicros: t.field({
      type: 'BigInt',
      description: 'Micro-units of `currency` per unit.',
      resolve: (p) => p.amountMicros,
    }),
    currency: t.exposeString('currency', {
      description: 'ISO 4217 currency code, lower case, e.g. usd.',
    }),
    freeAllowance: t.exposeInt('freeAllowance', {
      description:
        'Free units per calling organization per calendar month: calls, items or compute-seconds, by `unit`.',
    }),
  }),
});

export const EvaluationResultRef = builder
  .objectRef<EvaluationResult>('EvaluationResult')
  .implement({
    description: 'One measured metric of a version on a dataset.',
    fields: (t) => ({
      dataset: t.exposeString('dataset', { description: 'The dataset it was measured on.' }),
      metric: t.exposeString('metric', {
        description: 'accuracy, precision, recall, f1, cer, ...',
      }),
      value: t.exposeFloat('value', { description: 'The measured value of the metric.' }),
      method: t.exposeString('method', { description: 'How it was measured.' }),
      measuredAt: t.expose('measuredAt', {
        type: 'DateTime',
        description: 'When it was measured (UTC).',
      }),
    }),
  });

export type ModelVersionWithPrices = ModelVersion & { prices?: Price[] };

export const ModelVersionRef = builder.objectRef<ModelVersionWithPrices>('ModelVersion');

builder.node(ModelVersionRef, {
  description: 'One immutable, published build of a model.',
  id: { resolve: (v) => v.id },
  loadOne: (id, ctx) =>
    ctx.db.modelVersion.findFirst({
      where: {
        id,
        OR: [
          { status: { in: ['PUBLISHED', 'DEPRECATED'] }, model: { visibility: 'PUBLIC' } },
          ...(ctx.organizationId ? [{ organizationId: ctx.organizationId }] : []),
        ],
      },
    }),
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'artifactKey' in value,
  fields: (t) => ({
    version: t.exposeString('version', { description: 'Semantic version, e.g. 1.2.0.' }),
    status: t.field({
      type: ModelVersionStatusEnum,
      description: 'Where the version is in its lifecycle.',
      resolve: (v) => v.status,
    }),
    sha256: t.exposeString('sha256', { description: 'Digest of the ONNX artifact.' }),
    sizeBytes: t.field({
      type: 'BigInt',
      description: 'Size of the ONNX artifact in bytes.',
      resolve: (v) => v.sizeBytes,
    }),
    opset: t.exposeInt('opset', {
      nullable: true,
      description: 'The ONNX operator set (default domain) the graph declares.',
    }),
    producer: t.exposeString('producer', {
      nullable: true,
      description: 'The tool that wrote the ONNX file, e.g. "pytorch 2.4".',
    }),
    parameterCount: t.field({
      type: 'BigInt',
      nullable: true,
      description: 'Weights in the graph (initializers and constant tensors).',
      resolve: (v) => v.parameterCount,
    }),
    runtimeConfig: t.expose('runtimeConfig', {
      type: 'JSON',
      description: 'Batching, warm-up and preprocessing settings for runners.',
    }),
    evaluationResults: t.field({
      type: [EvaluationResultRef],
      description: 'Measured quality of this version, newest first.',
      resolve: (v, _args, ctx) =>
        ctx.db.evaluationResult.findMany({
          where: { modelVersionId: v.id },
          orderBy: [{ measuredAt: 'desc' }, { metric: 'asc' }],
        }),
    }),
    inputs: t.field({
      type: [TensorSpecRef],
      description: 'The tensors a prediction must send.',
      resolve: (v) => v.inputs as unknown as TensorSpec[],
    }),
    outputs: t.field({
      type: [TensorSpecRef],
      description: 'The tensors a prediction returns.',
      resolve: (v) => v.outputs as unknown as TensorSpec[],
    }),
    prices: t.field({
      type: [PriceRef],
      description: 'The prices in force now.',
      resolve: (v, _args, ctx) => {
        const now = new Date();
        return (
          v.prices ??
          ctx.db.price.findMany({
            where: {
              modelVersionId: v.id,
              effectiveFrom: { lte: now },
              OR: [{ effectiveTo: null }, { effectiveTo: { gt: now } }],
            },
            orderBy: { effectiveFrom: 'desc' },
          })
        );
      },
    }),
    publishedAt: t.string({
      nullable: true,
      description: 'ISO-8601 time of publication.',
      resolve: (v) => v.publishedAt?.toISOString() ?? null,
    }),
  }),
});
