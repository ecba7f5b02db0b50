/**
 * zod schemas of the platform admin data: runners with their loaded models and live figures,
 * and tenants with their size and standing. BigInt scalars stay decimal strings.
 */
import { z } from 'zod';

const bigIntStringSchema = z
  .union([z.string().regex(/^-?\d+$/), z.number().int()])
  .transform((value) => String(value));

export const platformRunnerModelSchema = z.object({
  modelVersionId: z.string(),
  model: z.string().nullable(),
  version: z.string().nullable(),
  /** LOADING | READY | FAILED | LIVE */
  state: z.string(),
  error: z.string().nullable(),
  updatedAt: z.string().nullable(),
  queueDepth: z.number().int().nullable(),
  instances: z.number().int().nullable(),
  busyInstances: z.number().int().nullable(),
  memoryBytes: bigIntStringSchema.nullable(),
});
export type PlatformRunnerModel = z.output<typeof platformRunnerModelSchema>;

export const platformRunnerSchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  status: z.string(),
  capabilities: z.unknown(),
  startedAt: z.string(),
  lastHeartbeatAt: z.string(),
  reachable: z.boolean(),
  unreachableReason: z.string().nullable(),
  rssBytes: bigIntStringSchema.nullable(),
  loadedModelsMemoryBytes: bigIntStringSchema.nullable(),
  memoryBudgetBytes: bigIntStringSchema.nullable(),
  models: z.array(platformRunnerModelSchema),
});
export type PlatformRunner = z.output<typeof platformRunnerSchema>;

export const platformTenantSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  personal: z.boolean(),
  billingMode: z.string(),
  createdAt: z.string(),
  memberCount: z.number().int(),
  balanceMicros: bigIntStringSchema,
  callsLast30Days: z.number().int(),
});
export type PlatformTenant = z.output<typeof platformTenantSchema>;

export const platformTenantPageSchema = z.object({
  tenants: z.array(platformTenantSchema),
  totalCount: z.number().int(),
  hasNextPage: z.boolean(),
  endCursor: z.string().nullable(),
});
export type PlatformTenantPage = z.output<typeof platformTenantPageSchema>;
