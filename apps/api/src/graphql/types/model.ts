import type { Model } from '@modelhub/db';
import { resolveOffsetConnection } from '@pothos/plugin-relay';
import { findLatestPublishedVersion, parseModelRef } from '@modelhub/registry';
import {
  CATALOG_SORTS,
  searchModelIds,
  USAGE_WINDOW_DAYS,
  visibleModelsWhere,
} from '../../catalog/list-models.ts';
import {
  MAX_DAILY_CALLS_DAYS,
  modelDailyCalls,
  type DailyCallCount,
} from '../../catalog/model-daily-calls.ts';
import { AppError } from '../../app-error.ts';
import { builder } from '../builder.ts';
import { ModelTaskEnum, VisibilityEnum } from './enums.ts';
import { ModelVersionRef } from './model-version.ts';
import { OrganizationRef } from './organization.ts';

export const ModelRef = builder.objectRef<Model>('Model');

const DailyCallCountRef = builder.objectRef<DailyCallCount>('DailyCallCount').implement({
  description: 'Successful predictions of a model on one UTC day, by everyone.',
  fields: (t) => ({
    day: t.exposeString('day', { description: 'The UTC day, YYYY-MM-DD.' }),
    calls: t.exposeInt('calls', { description: 'Successful predictions that day.' }),
  }),
});

builder.node(ModelRef, {
  description: 'A model in the catalog, with its versions.',
  id: { resolve: (m) => m.id },
  loadOne: (id, ctx) =>
    ctx.db.model.findFirst({ where: { id, ...visibleModelsWhere(ctx.organizationId) } }),
  isTypeOf: (value) =>
    typeof value === 'object' && value !== null && 'task' in value && 'visibility' in value,
  fields: (t) => ({
    slug: t.exposeString('slug', {
      description: 'The model’s handle within its publisher, the `model` in `publisher/model`.',
    }),
    fullName: t.string({
      description: 'The reference to call it by, `publisher/model`.',
      resolve: async (m, _args, ctx) =>
        `${(await ctx.loaders.organization(m.organizationId)).slug}/${m.slug}`,
    }),
    name: t.exposeString('name', { description: 'The display name.' }),
    summary: t.exposeString('summary', { description: 'One line for catalog cards.' }),
    description: t.exposeString('description', { description: 'The model card, Markdown.' }),
    task: t.field({
      type: ModelTaskEnum,
      description: 'What kind of problem the model solves.',
      resolve: (m) => m.task,
    }),
    license: t.exposeString('license', { description: 'SPDX identifier or license name.' }),
    tags: t.exposeStringList('tags', { description: 'Free-form keywords for search and filters.' }),
    visibility: t.field({
      type: VisibilityEnum,
      description: 'Who can see and call the model.',
      resolve: (m) => m.visibility,
    }),
    publisher: t.field({
      type: OrganizationRef,
      description: 'The organization that publishes the model.',
      resolve: (m, _args, ctx) => ctx.loaders.organization(m.organizationId),
    }),
    latestVersion: t.field({
      type: ModelVersionRef,
      nullable: true,
      description:
        'The highest published semantic version; what `publisher/model` without a version calls.',
      resolve: (m, _args, ctx) => findLatestPublishedVersion(ctx.db, m.id),
    }),
    versions: t.connection(
      {
        type: ModelVersionRef,
        description:
          'Published and deprecated versions, newest first; the owner also sees drafts and yanked ones.',
        resolve: (m, args, ctx) =>
          resolveOffsetConnection({ args }, ({ offset, limit }) =>
            ctx.db.modelVersion.findMany({
              where: {
                modelId: m.id,
                ...(m.organizationId === ctx.organizationId
                  ? {}
                  : { status: { in: ['PUBLISHED', 'DEPRECATED'] } }),
              },
              orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
              skip: offset,
              take: limit,
            }),
          ),
      },
      {
        description: 'A page of a model’s versions.',
      },
      {
        description: 'One model version and its cursor.',
        nodeField: { description: 'The model version.' },
      },
    ),
    callsLast30Days: t.int({
      description: `Successful predictions of any version in the last ${USAGE_WINDOW_DAYS} days, by everyone.`,
      resolve: async (m, _args, ctx) => (await ctx.loaders.modelUsage()).get(m.id) ?? 0,
    }),
    dailyCalls: t.field({
      type: [DailyCallCountRef],
      description: `Successful predictions of any version per UTC day, by everyone: one entry per day (zero included) for the last \`days\` days up to today, oldest first. \`days\` is 1 to ${MAX_DAILY_CALLS_DAYS}; BAD_USER_INPUT otherwise.`,
      args: { days: t.arg.int({ required: false, defaultValue: USAGE_WINDOW_DAYS }) },
      resolve: (m, { days }, ctx) => {
        const count = days ?? USAGE_WINDOW_DAYS;
        if (!Number.isInteger(count) || count < 1 || count > MAX_DAILY_CALLS_DAYS) {
          throw new AppError('BAD_USER_INPUT', `days must be 1 to ${MAX_DAILY_CALLS_DAYS}`, {
            field: 'days',
          });
        }
        return modelDailyCalls(ctx.db, {
          modelId: m.id,
          viewerOrganizationId: ctx.organizationId,
          days: count,
        });
      },
    }),
    createdAt: t.expose('createdAt', {
      type: 'DateTime',
      description: 'When the model was created (UTC).',
    }),
  }),
});

const CatalogSortEnum = builder.enumType('CatalogSort', {
  description: 'Orders of the catalog.',
  values: Object.fromEntries(CATALOG_SORTS.map((v) => [v, { value: v }])) as Record<
    (typeof CATALOG_SORTS)[number],
    { value: (typeof CATALOG_SORTS)[number] }
  >,
});

const ModelConnection = builder.connectionObject(
  {
    type: ModelRef,
    name: 'ModelConnection',
    description: 'A page of catalog models.',
    fields: (t) => ({
      totalCount: t.int({
        description: 'Models matching the filters, on all pages.',
        resolve: (c) => (c as unknown as { totalCount: number }).totalCount,
      }),
    }),
  },
  {
    name: 'ModelEdge',
    description: 'One catalog model and its cursor.',
    nodeField: { description: 'The model.' },
  },
);

builder.queryFields((t) => ({
  models: t.field({
    type: ModelConnection,
    description: 'The catalog: public models and the caller’s own, by name.',
    args: {
      ...t.arg.connectionArgs(),
      query: t.arg.string({
        required: false,
        description:
          'Full-text search over name, tags, summary and model card (web-search syntax: "exact phrase", -excluded, or).',
      }),
      task: t.arg({ type: ModelTaskEnum, required: false }),
      tags: t.arg.stringList({
        required: false,
        description: 'Models with every one of these tags.',
      }),
      publisher: t.arg.string({ required: false, description: 'The publisher’s handle.' }),
      minPriceMicros: t.arg({ type: 'BigInt', required: false }),
      maxPriceMicros: t.arg({
        type: 'BigInt',
        required: false,
        description: 'Bounds on the current price of the newest version, whatever its unit.',
      }),
      sort: t.arg({
        type: CatalogSortEnum,
        required: false,
        description: 'Default: RELEVANCE with a query, NAME without.',
      }),
    },
    resolve: async (_root, args, ctx) => {
      let totalCount = 0;
      const connection = await resolveOffsetConnection({ args }, async ({ offset, limit }) => {
        const page = await ctx.tenant((tx) =>
          searchModelIds(tx, {
            viewerOrganizationId: ctx.organizationId,
            query: args.query ?? null,
            task: args.task ?? null,
            tags: args.tags ?? null,
            publisher: args.publisher ?? null,
            minPriceMicros: args.minPriceMicros ?? null,
            maxPriceMicros: args.maxPriceMicros ?? null,
            sort: args.sort ?? null,
            offset,
            limit,
          }),
        );
        totalCount = page.totalCount;
        const models = await ctx.db.model.findMany({ where: { id: { in: page.ids } } });
        const byId = new Map(models.map((m) => [m.id, m]));
        return page.ids.flatMap((id) => byId.get(id) ?? []);
      });
      return { ...connection, totalCount };
    },
  }),
  model: t.field({
    type: ModelRef,
    nullable: true,
    description:
      'One model by reference (`publisher/model`); null when it does not exist or is not visible to the caller.',
    args: { ref: t.arg.string({ required: true }) },
    resolve: (_root, { ref }, ctx) => {
      const parsed = parseModelRef(ref);
      if (!parsed) return null;
      return ctx.db.model.findFirst({
        where: {
          slug: parsed.modelSlug,
          organization: { slug: parsed.orgSlug },
          ...visibleModelsWhere(ctx.organizationId),
        },
      });
    },
  }),
}));
