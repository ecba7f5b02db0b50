// Platform administration: the runners with what they hold and how busy they are, and every
// tenant with its size and standing. Platform administrators only (User.isPlatformAdmin); every
// other caller gets FORBIDDEN (UNAUTHENTICATED when signed out).
import { encodeGlobalID } from '@pothos/plugin-relay';
import {
  isPlatformAdmin,
  requirePlatformAdmin,
} from '../../platform-admin/require-platform-admin.ts';
import {
  runnerOverview,
  type RunnerModelOverview,
  type RunnerOverview,
} from '../../platform-admin/runner-overview.ts';
import { RUNNER_STATS_TIMEOUT_MS } from '../../platform-admin/runner-live-stats.ts';
import {
  TENANT_PAGE_SIZE,
  TENANT_USAGE_WINDOW_DAYS,
  tenantSummaries,
  type TenantSummary,
  type TenantSummaryPage,
} from '../../platform-admin/tenant-summaries.ts';
import { builder } from '../builder.ts';

const bytes = (value: number | null) => (value === null ? null : BigInt(value));

const PlatformRunnerModelRef = builder
  .objectRef<RunnerModelOverview>('PlatformRunnerModel')
  .implement({
    description:
      'A model version a runner reports loaded (registry), with its live figures when the runner answers.',
    fields: (t) => ({
      modelVersionId: t.exposeID('modelVersionId', {
        description: 'The model version’s id in the registry (not a Relay global id).',
      }),
      model: t.exposeString('model', {
        nullable: true,
        description: '`publisher/model`; null for a private model when the runner does not answer.',
      }),
      version: t.exposeString('version', {
        nullable: true,
        description: 'The semantic version; null when it is not known.',
      }),
      state: t.exposeString('state', {
        description:
          'LOADING, READY or FAILED in the registry; LIVE when only the runner reports it.',
      }),
      error: t.exposeString('error', { nullable: true, description: 'Why loading failed.' }),
      updatedAt: t.expose('updatedAt', {
        type: 'DateTime',
        nullable: true,
        description:
          'When the registry entry last changed (UTC); null when only the runner reports it.',
      }),
      queueDepth: t.exposeInt('queueDepth', {
        nullable: true,
        description: 'Items waiting in its batch queues now; null when not known.',
      }),
      instances: t.exposeInt('instances', {
        nullable: true,
        description: 'Sessions loaded for it; null when not known.',
      }),
      busyInstances: t.exposeInt('busyInstances', {
        nullable: true,
        description: 'Sessions running a batch now; null when not known.',
      }),
      memoryBytes: t.field({
        type: 'BigInt',
        nullable: true,
        description: 'Memory measured when it loaded.',
        resolve: (m) => bytes(m.memoryBytes),
      }),
    }),
  });

const PlatformRunnerRef = builder.objectRef<RunnerOverview>('PlatformRunner').implement({
  description: 'A registered runner: the registry’s view joined with its live answer.',
  fields: (t) => ({
    id: t.exposeID('id', {
      description: 'The runner’s id in the registry (not a Relay global id).',
    }),
    name: t.exposeString('name', { description: 'The name the runner registered with.' }),
    url: t.exposeString('url', { description: 'The base URL the api calls it at.' }),
    status: t.exposeString('status', { description: 'STARTING, READY, DRAINING or STOPPED.' }),
    capabilities: t.expose('capabilities', {
      type: 'JSON',
      description: 'Execution providers, cores, memory and budget it registered with.',
    }),
    startedAt: t.expose('startedAt', {
      type: 'DateTime',
      description: 'When the runner registered (UTC).',
    }),
    lastHeartbeatAt: t.expose('lastHeartbeatAt', {
      type: 'DateTime',
      description: 'When it last reported to the registry (UTC).',
    }),
    reachable: t.boolean({
      description: `Whether it answered GET /stats within ${RUNNER_STATS_TIMEOUT_MS} ms just now.`,
      resolve: (r) => r.live.reachable,
    }),
    unreachableReason: t.string({
      nullable: true,
      description: 'Why GET /stats failed, e.g. a timeout; null when it answered.',
      resolve: (r) => (r.live.reachable ? null : r.live.reason),
    }),
    rssBytes: t.field({
      type: 'BigInt',
      nullable: true,
      description: 'The runner process’s resident memory; null when unreachable.',
      resolve: (r) => (r.live.reachable ? BigInt(r.live.stats.process.rssBytes) : null),
    }),
    loadedModelsMemoryBytes: t.field({
      type: 'BigInt',
      nullable: true,
      description: 'Memory its loaded models hold together; null when unreachable.',
      resolve: (r) => (r.live.reachable ? BigInt(r.live.stats.loadedModelsMemoryBytes) : null),
    }),
    memoryBudgetBytes: t.field({
      type: 'BigInt',
      nullable: true,
      description: 'What loaded models may hold together (0: no limit); null when unreachable.',
      resolve: (r) => (r.live.reachable ? BigInt(r.live.stats.memoryBudgetBytes) : null),
    }),
    models: t.field({
      type: [PlatformRunnerModelRef],
      description: 'The model versions it has loaded or is loading.',
      resolve: (r) => r.models,
    }),
  }),
});

const PlatformTenantRef = builder.objectRef<TenantSummary>('PlatformTenant').implement({
  description: 'An organization on the platform, with its size and standing.',
  fields: (t) => ({
    id: t.id({
      description: 'The Organization’s global id (as adjustCredit takes it).',
      resolve: (o) => encodeGlobalID('Organization', o.id),
    }),
    slug: t.exposeString('slug', { description: 'The organization’s handle.' }),
    name: t.exposeString('name', { description: 'The display name.' }),
    personal: t.exposeBoolean('personal', {
      description: 'Whether it is a user’s personal organization, made at sign-up.',
    }),
    billingMode: t.exposeString('billingMode', { description: 'PREPAID or POSTPAID.' }),
    createdAt: t.expose('createdAt', {
      type: 'DateTime',
      description: 'When it was created (UTC).',
    }),
    memberCount: t.exposeInt('memberCount', { description: 'How many members it has.' }),
    balanceMicros: t.expose('balanceMicros', {
      type: 'BigInt',
      description: 'The sum of its ledger, micro-units of USD.',
    }),
    callsLast30Days: t.exposeInt('callsLast30Days', {
      description: `Billable predictions it made in the last ${TENANT_USAGE_WINDOW_DAYS} days.`,
    }),
  }),
});

const PlatformTenantPageRef = builder.objectRef<TenantSummaryPage>('PlatformTenantPage').implement({
  description: 'A page of the platform’s organizations, oldest first.',
  fields: (t) => ({
    tenants: t.field({
      type: [PlatformTenantRef],
      description: 'The organizations on this page.',
      resolve: (p) => p.tenants,
    }),
    totalCount: t.exposeInt('totalCount', { description: 'Organizations on all pages.' }),
    hasNextPage: t.exposeBoolean('hasNextPage', { description: 'Whether more pages follow.' }),
    endCursor: t.exposeString('endCursor', {
      nullable: true,
      description: 'Pass as `after` for the next page; null when the page is empty.',
    }),
  }),
});

builder.queryFields((t) => ({
  isPlatformAdmin: t.boolean({
    description:
      'Whether the caller is a signed-in platform administrator; false for API keys and when signed out.',
    resolve: (_r, _args, ctx) => isPlatformAdmin(ctx.services, ctx.principal),
  }),
  platformRunners: t.field({
    type: [PlatformRunnerRef],
    description:
      'Every registered runner with its loaded models, live queue depths and memory. Platform administrators only.',
    resolve: async (_r, _args, ctx) => {
      await requirePlatformAdmin(ctx.services, ctx.principal);
      return runnerOverview(ctx.services.db);
    },
  }),
  platformTenants: t.field({
    type: PlatformTenantPageRef,
    description:
      'Organizations, oldest first, with members, balance and calls in 30 days. Platform administrators only.',
    args: {
      first: t.arg.int({
        required: false,
        description: `At most ${TENANT_PAGE_SIZE.max}; default ${TENANT_PAGE_SIZE.default}.`,
      }),
      after: t.arg.string({ required: false, description: 'The endCursor of the page before.' }),
    },
    resolve: async (_r, { first, after }, ctx) => {
      await requirePlatformAdmin(ctx.services, ctx.principal);
      return tenantSummaries(ctx.services.db, {
        first: first ?? TENANT_PAGE_SIZE.default,
        after: after ?? null,
      });
    },
  }),
}));
