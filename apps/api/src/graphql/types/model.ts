import type { Model } from '@modelhub/db';
import { resolveOffsetConnection } from '@pothos/plugin-relay';
import { parseModelRef } from '@modelhub/registry';
import { listModels, visibleModelsWhere } from '../../catalog/list-models.ts';
import { builder } from '../builder.ts';
import { ModelTaskEnum, VisibilityEnum } from './enums.ts';
import { ModelVersionRef } from './model-version.ts';
import { OrganizationRef } from './organization.ts';

export const ModelRef = builder.objectRef<Model>('Model');

builder.node(ModelRef, {
  description: 'A model in the catalog, with its versions.',
  id: { resolve: (m) => m.id },
  loadOne: (id, ctx) =>
    ctx.db.model.findFirst({ where: { id, ...visibleModelsWhere(ctx.organizationId) } }),
  isTypeOf: (value) =>
    typeof value === 'object' && value !== null && 'task' in value && 'visibility' in value,
  fields: (t) => ({
    slug: t.exposeString('slug'),
    fullName: t.string({
      description: 'The reference to call it by, `publisher/model`.',
      resolve: async (m, _args, ctx) =>
        `${(await ctx.loaders.organization(m.organizationId)).slug}/${m.slug}`,
    }),
    name: t.exposeString('name'),
    summary: t.exposeString('summary'),
    description: t.exposeString('description', { description: 'The model card, Markdown.' }),
    task: t.field({ type: ModelTaskEnum, resolve: (m) => m.task }),
    license: t.exposeString('license'),
    tags: t.exposeStringList('tags'),
    visibility: t.field({ type: VisibilityEnum, resolve: (m) => m.visibility }),
    publisher: t.field({
      type: OrganizationRef,
      resolve: (m, _args, ctx) => ctx.loaders.organization(m.organizationId),
    }),
    latestVersion: t.field({
      type: ModelVersionRef,
      nullable: true,
      description: 'The newest published version; what `publisher/model` without a version calls.',
      resolve: (m, _args, ctx) =>
        ctx.db.modelVersion.findFirst({
          where: { modelId: m.id, status: 'PUBLISHED' },
          orderBy: { publishedAt: 'desc' },
        }),
    }),
    versions: t.connection({
      type: ModelVersionRef,
      description: 'Published and deprecated versions, newest first.',
      resolve: (m, args, ctx) =>
        resolveOffsetConnection({ args }, ({ offset, limit }) =>
          ctx.db.modelVersion.findMany({
            where: { modelId: m.id, status: { in: ['PUBLISHED', 'DEPRECATED'] } },
            orderBy: { publishedAt: 'desc' },
            skip: offset,
            take: limit,
          }),
        ),
    }),
  }),
});

const ModelConnection = builder.connectionObject(
  {
    type: ModelRef,
    name: 'ModelConnection',
    fields: (t) => ({
      totalCount: t.int({
        description: 'Models matching the filters, on all pages.',
        resolve: (c) => (c as unknown as { totalCount: number }).totalCount,
      }),
    }),
  },
  { name: 'ModelEdge' },
);

builder.queryFields((t) => ({
  models: t.field({
    type: ModelConnection,
    description: 'The catalog: public models and the caller’s own, by name.',
    args: {
      ...t.arg.connectionArgs(),
      query: t.arg.string({
        required: false,
        description: 'Free text matched against name, slug, summary and tags.',
      }),
      task: t.arg({ type: ModelTaskEnum, required: false }),
    },
    resolve: async (_root, args, ctx) => {
      let totalCount = 0;
      const connection = await resolveOffsetConnection({ args }, async ({ offset, limit }) => {
        const page = await listModels(ctx.db, {
          viewerOrganizationId: ctx.organizationId,
          query: args.query ?? null,
          task: args.task ?? null,
          offset,
          limit,
        });
        totalCount = page.totalCount;
        return page.models;
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
