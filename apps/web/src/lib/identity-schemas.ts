/**
 * zod schemas (and the types inferred from them) for the identity data the portal reads from the
 * api: users, organizations, memberships, invitations, API keys, the audit log. Enum values stay
 * strings, so a new role or scope on the api does not break a page.
 */
import { z } from 'zod';

/** A BigInt scalar may arrive as a JSON string or number; the portal keeps it as a string. */
const bigIntStringSchema = z
  .union([z.string().regex(/^-?\d+$/), z.number().int()])
  .transform((value) => String(value));

/** DateTime scalars: ISO-8601 strings. */
const dateTimeSchema = z.string().min(1);

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  emailVerified: z.boolean(),
});
export type User = z.output<typeof userSchema>;

export const organizationSummarySchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  personal: z.boolean(),
});
export type OrganizationSummary = z.output<typeof organizationSummarySchema>;

export const viewerMembershipSchema = z.object({
  id: z.string(),
  role: z.string(),
  organization: organizationSummarySchema,
});
export type ViewerMembership = z.output<typeof viewerMembershipSchema>;

export const viewerSchema = z.object({
  user: userSchema.nullable(),
  role: z.string().nullable(),
  permissions: z.array(z.string()),
  /** The organization the portal acts in; null only for someone who belongs to none. */
  organization: organizationSummarySchema.nullable(),
  organizations: z.array(viewerMembershipSchema),
});
export type Viewer = z.output<typeof viewerSchema>;

export const memberSchema = z.object({
  id: z.string(),
  role: z.string(),
  createdAt: dateTimeSchema,
  user: userSchema.pick({ id: true, email: true, name: true }),
});
export type Member = z.output<typeof memberSchema>;

export const invitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: z.string(),
  expiresAt: dateTimeSchema,
  createdAt: dateTimeSchema,
});
export type Invitation = z.output<typeof invitationSchema>;

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  expiresAt: dateTimeSchema.nullable(),
  revokedAt: dateTimeSchema.nullable(),
  lastUsedAt: dateTimeSchema.nullable(),
  createdAt: dateTimeSchema,
  rateLimitPerMinute: z.number().int().nullable(),
  monthlySpendLimitMicros: bigIntStringSchema.nullable(),
});
export type ApiKey = z.output<typeof apiKeySchema>;

export const auditLogEntrySchema = z.object({
  id: z.string(),
  action: z.string(),
  actor: z.string().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  metadata: z.unknown(),
  createdAt: dateTimeSchema,
});
export type AuditLogEntry = z.output<typeof auditLogEntrySchema>;

export const pageInfoSchema = z.object({
  hasNextPage: z.boolean(),
  endCursor: z.string().nullable(),
});
export type PageInfo = z.output<typeof pageInfoSchema>;

/** A Relay connection of `node`, reduced to the nodes and the forward page info. */
export function connectionSchema<TNode extends z.ZodType>(node: TNode) {
  return z
    .object({ edges: z.array(z.object({ node })), pageInfo: pageInfoSchema })
    .transform(({ edges, pageInfo }): { nodes: z.output<TNode>[]; pageInfo: PageInfo } => ({
      nodes: edges.map((edge) => (edge as { node: z.output<TNode> }).node),
      pageInfo,
    }));
}

export const devEmailSchema = z.object({
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  createdAt: dateTimeSchema,
});
export type DevEmail = z.output<typeof devEmailSchema>;
