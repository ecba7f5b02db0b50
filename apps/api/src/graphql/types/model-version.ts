import type { ModelVersion, Price } from '@modelhub/db';
import type { TensorSpec } from '@modelhub/inference';
import { builder } from '../builder.ts';
import { DatatypeEnum, ModelVersionStatusEnum, PriceUnitEnum } from './enums.ts';

export const TensorSpecRef = builder.objectRef<TensorSpec>('TensorSpec').implement({
  description: 'An input or output of a model, read from its ONNX graph.',
  fields: (t) => ({
    name: t.exposeString('name'),
    datatype: t.field({ type: DatatypeEnum, resolve: (s) => s.datatype }),
    shape: t.exposeIntList('shape', {
      description: 'Dimensions; -1 marks a dynamic dimension (any size).',
    }),
  }),
});

export const PriceRef = builder.objectRef<Price>('Price').implement({
  description: 'What calling a model version costs.',
  fields: (t) => ({
    unit: t.field({ type: PriceUnitEnum, resolve: (p) => p.unit }),
    amountMicros: t.field({
      type: 'BigInt',
      description: 'Micro-units of `currency` per unit.',
      resolve: (p) => p.amountMicros,
    }),
    currency: t.exposeString('currency'),
    freeAllowance: t.exposeInt('freeAllowance', {
      description:
        'Free units per calling organization per calendar month: calls, items or compute-seconds, by `unit`.',
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
        status: { not: 'DRAFT' },
        model: {
          OR: [
            { visibility: 'PUBLIC' },
            ...(ctx.organizationId ? [{ organizationId: ctx.organizationId }] : []),
          ],
        },
      },
    }),
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'artifactKey' in value,
  fields: (t) => ({
    version: t.exposeString('version', { description: 'Semantic version, e.g. 1.2.0.' }),
    status: t.field({ type: ModelVersionStatusEnum, resolve: (v) => v.status }),
    sha256: t.exposeString('sha256', { description: 'Digest of the ONNX artifact.' }),
    sizeBytes: t.field({ type: 'BigInt', resolve: (v) => v.sizeBytes }),
    opset: t.exposeInt('opset', { nullable: true }),
    inputs: t.field({ type: [TensorSpecRef], resolve: (v) => v.inputs as unknown as TensorSpec[] }),
    outputs: t.field({
      type: [TensorSpecRef],
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
