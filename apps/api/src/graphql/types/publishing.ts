// Publishing: create a model and edit its card, then move uploaded versions through their
// lifecycle (the file itself arrives over HTTP: PUT /models/{org}/{model}/versions/{version}).
// Every operation needs models.publish in the model's own organization.
import type { PriceUnit } from '@modelhub/db';
import {
  createModel,
  deprecateVersion,
  publishVersion,
  setDraftPrice,
  updateDraftVersion,
  updateModel,
  yankVersion,
} from '@modelhub/registry';
import { requirePermission } from '../../auth/principal.ts';
import { builder } from '../builder.ts';
import { localIdOf } from '../global-id.ts';
import { ModelTaskEnum, PriceUnitEnum, VisibilityEnum } from './enums.ts';
import { ModelRef } from './model.ts';
import { ModelVersionRef } from './model-version.ts';

const ModelCardFields = {
  name: 'Display name.',
  summary: 'One line for catalog cards.',
  description: 'The model card, Markdown.',
  license: 'SPDX identifier or license name.',
} as const;

const CreateModelInput = builder.inputType('CreateModelInput', {
  description: 'A new model in the caller’s organization.',
  fields: (t) => ({
    slug: t.string({
      required: true,
      description: 'The handle in `publisher/slug`; never changes.',
    }),
    name: t.string({ required: true, description: ModelCardFields.name }),
    task: t.field({
      type: ModelTaskEnum,
      required: true,
      description: 'What kind of problem the model solves.',
    }),
    summary: t.string({ required: false, description: ModelCardFields.summary }),
    description: t.string({ required: false, description: ModelCardFields.description }),
    license: t.string({ required: false, description: ModelCardFields.license }),
    tags: t.stringList({
      required: false,
      description: 'Free-form keywords for search and filters.',
    }),
    visibility: t.field({ type: VisibilityEnum, required: false, description: 'Default PRIVATE.' }),
  }),
});

const UpdateModelInput = builder.inputType('UpdateModelInput', {
  description: 'Changes to a model; omitted fields stay as they are.',
  fields: (t) => ({
    name: t.string({ required: false, description: ModelCardFields.name }),
    task: t.field({
      type: ModelTaskEnum,
      required: false,
      description: 'What kind of problem the model solves.',
    }),
    summary: t.string({ required: false, description: ModelCardFields.summary }),
    description: t.string({ required: false, description: ModelCardFields.description }),
    license: t.string({ required: false, description: ModelCardFields.license }),
    tags: t.stringList({
      required: false,
      description: 'Free-form keywords for search and filters; replaces the current ones.',
    }),
    visibility: t.field({
      type: VisibilityEnum,
      required: false,
      description: 'Who can see and call the model.',
    }),
  }),
});

const PriceInput = builder.inputType('PriceInput', {
  description: 'The price of a model version.',
  fields: (t) => ({
    unit: t.field({
      type: PriceUnitEnum,
      required: true,
      description: 'What is charged for: a call, an item or compute time.',
    }),
    amountMicros: t.field({
      type: 'BigInt',
      required: true,
      description: 'Micro-units of the currency per unit.',
    }),
    freeAllowance: t.int({
      required: false,
      description: 'Free units per consumer organization per month.',
    }),
    currency: t.string({ required: false, description: 'ISO 4217, lower case; default usd.' }),
  }),
});

const defined = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], null>;
  };

const modelId = (id: string | number) => localIdOf(String(id), 'Model', 'model');
const versionId = (id: string | number) => localIdOf(String(id), 'ModelVersion', 'model version');

builder.mutationFields((t) => ({
  createModel: t.field({
    type: ModelRef,
    description:
      'Creates a model in the caller’s organization (no versions yet). Needs models.publish. Errors: BAD_USER_INPUT, CONFLICT (slug taken).',
    args: { input: t.arg({ type: CreateModelInput, required: true }) },
    resolve: (_r, { input }, ctx) => {
      const caller = requirePermission(ctx.principal, 'models.publish');
      return createModel(ctx.services.db, {
        ...defined(input),
        organizationId: caller.organizationId,
        slug: input.slug,
        name: input.name,
        task: input.task,
      });
    },
  }),
  updateModel: t.field({
    type: ModelRef,
    description: 'Edits a model’s card, tags or visibility. Needs models.publish.',
    args: {
      id: t.arg.id({ required: true }),
      input: t.arg({ type: UpdateModelInput, required: true }),
    },
    resolve: (_r, { id, input }, ctx) => {
      const caller = requirePermission(ctx.principal, 'models.publish');
      return updateModel(ctx.services.db, {
        organizationId: caller.organizationId,
        modelId: modelId(id),
        changes: defined(input),
      });
    },
  }),
  updateDraftVersion: t.field({
    type: ModelVersionRef,
    description: 'Sets a draft’s runtime config (batching, warm-up, preprocessing).',
    args: {
      id: t.arg.id({ required: true }),
      runtimeConfig: t.arg({ type: 'JSON', required: true }),
    },
    resolve: (_r, { id, runtimeConfig }, ctx) => {
      const caller = requirePermission(ctx.principal, 'models.publish');
      return updateDraftVersion(ctx.services.db, {
        organizationId: caller.organizationId,
        modelVersionId: versionId(id),
        runtimeConfig,
      });
    },
  }),
  setDraftPrice: t.field({
    type: ModelVersionRef,
    description: 'Sets the price a draft will publish at.',
    args: { id: t.arg.id({ required: true }), price: t.arg({ type: PriceInput, required: true }) },
    resolve: async (_r, { id, price }, ctx) => {
      const caller = requirePermission(ctx.principal, 'models.publish');
      const ref = { organizationId: caller.organizationId, modelVersionId: versionId(id) };
      await setDraftPrice(ctx.services.db, { ...ref, price: toPrice(price) });
      return ctx.db.modelVersion.findUniqueOrThrow({ where: { id: ref.modelVersionId } });
    },
  }),
  publishModelVersion: t.field({
    type: ModelVersionRef,
    description:
      'DRAFT → PUBLISHED, at `price` or the draft’s price. The version is immutable afterwards.',
    args: { id: t.arg.id({ required: true }), price: t.arg({ type: PriceInput, required: false }) },
    resolve: (_r, { id, price }, ctx) => {
      const caller = requirePermission(ctx.principal, 'models.publish');
      return publishVersion(ctx.services.db, {
        organizationId: caller.organizationId,
        modelVersionId: versionId(id),
        ...(price ? { price: toPrice(price) } : {}),
      });
    },
  }),
  deprecateModelVersion: t.field({
    type: ModelVersionRef,
    description: 'PUBLISHED → DEPRECATED: callable only by exact version, no longer the latest.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_r, { id }, ctx) => {
      const caller = requirePermission(ctx.principal, 'models.publish');
      return deprecateVersion(ctx.services.db, {
        organizationId: caller.organizationId,
        modelVersionId: versionId(id),
      });
    },
  }),
  yankModelVersion: t.field({
    type: ModelVersionRef,
    description: 'Withdraws a published or deprecated version: it can no longer be called.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_r, { id }, ctx) => {
      const caller = requirePermission(ctx.principal, 'models.publish');
      return yankVersion(ctx.services.db, {
        organizationId: caller.organizationId,
        modelVersionId: versionId(id),
      });
    },
  }),
}));

function toPrice(price: {
  unit: PriceUnit;
  amountMicros: bigint;
  freeAllowance?: number | null;
  currency?: string | null;
}) {
  return {
    unit: price.unit,
    amountMicros: price.amountMicros,
    ...(price.freeAllowance != null ? { freeAllowance: price.freeAllowance } : {}),
    ...(price.currency != null ? { currency: price.currency } : {}),
  };
}
