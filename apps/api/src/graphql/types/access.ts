// People and access: users, memberships, invitations, API keys and the audit log.
import type { ApiKey, AuditLog, Invitation, Membership, User } from '@modelhub/db';
import { builder } from '../builder.ts';
import { ApiKeyScopeEnum, RoleEnum } from './enums.ts';
import { OrganizationRef } from './organization.ts';

export const UserRef = builder.objectRef<User>('User');
builder.node(UserRef, {
  description: 'A person with a Modelhub account. Visible to the user and to fellow members.',
  id: { resolve: (u) => u.id },
  loadOne: async (id, ctx) => {
    if (ctx.principal?.kind === 'user' && ctx.principal.userId === id)
      return ctx.services.db.user.findUnique({ where: { id } });
    const shared = await ctx.db.membership.findFirst({
      where: { userId: id, organizationId: ctx.organizationId ?? '' },
      include: { user: true },
    });
    return shared?.user ?? null;
  },
  isTypeOf: (v) => typeof v === 'object' && v !== null && 'passwordHash' in v,
  fields: (t) => ({
    email: t.exposeString('email', { description: 'The email address the user signs in with.' }),
    name: t.exposeString('name', {
      nullable: true,
      description: 'The display name; null when the user gave none.',
    }),
    emailVerified: t.boolean({
      description: 'Whether the user confirmed their email address.',
      resolve: (u) => u.emailVerified !== null,
    }),
  }),
});

export const MembershipRef = builder.objectRef<Membership>('Membership');
builder.node(MembershipRef, {
  description: 'A user’s place in an organization, with their role.',
  id: { resolve: (m) => m.id },
  loadOne: (id, ctx) =>
    ctx.db.membership.findFirst({ where: { id, organizationId: ctx.organizationId ?? '' } }),
  isTypeOf: (v) => typeof v === 'object' && v !== null && 'role' in v && 'userId' in v,
  fields: (t) => ({
    role: t.field({
      type: RoleEnum,
      description: 'What the member may do in the organization.',
      resolve: (m) => m.role,
    }),
    createdAt: t.expose('createdAt', {
      type: 'DateTime',
      description: 'When the user joined the organization (UTC).',
    }),
    organization: t.field({
      type: OrganizationRef,
      description: 'The organization the user belongs to.',
      resolve: (m, _args, ctx) => ctx.loaders.organization(m.organizationId),
    }),
    user: t.field({
      type: UserRef,
      description: 'The member.',
      resolve: (m, _args, ctx) =>
        ctx.services.db.user.findUniqueOrThrow({ where: { id: m.userId } }),
    }),
  }),
});

export const InvitationRef = builder.objectRef<Invitation>('Invitation');
builder.node(InvitationRef, {
  description: 'A pending invitation to join an organization, sent by email.',
  id: { resolve: (i) => i.id },
  loadOne: (id, ctx) =>
    ctx.db.invitation.findFirst({ where: { id, organizationId: ctx.organizationId ?? '' } }),
  isTypeOf: (v) => typeof v === 'object' && v !== null && 'tokenHash' in v,
  fields: (t) => ({
    email: t.exposeString('email', { description: 'The address the invitation was sent to.' }),
    role: t.field({
      type: RoleEnum,
      description: 'The role the invitee gets on accepting.',
      resolve: (i) => i.role,
    }),
    expiresAt: t.expose('expiresAt', {
      type: 'DateTime',
      description: 'When the invitation stops working (UTC).',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was sent (UTC).' }),
  }),
});

export const ApiKeyRef = builder.objectRef<ApiKey>('ApiKey');
builder.node(ApiKeyRef, {
  description:
    'An API key of the organization. Only its prefix is shown; the secret was shown once, at creation.',
  id: { resolve: (k) => k.id },
  loadOne: (id, ctx) =>
    ctx.principal?.permissions.has('keys.read')
      ? ctx.db.apiKey.findFirst({ where: { id, organizationId: ctx.organizationId ?? '' } })
      : null,
  isTypeOf: (v) => typeof v === 'object' && v !== null && 'secretHash' in v,
  fields: (t) => ({
    name: t.exposeString('name', {
      description: 'A label chosen at creation, to tell keys apart.',
    }),
    prefix: t.exposeString('prefix', { description: 'The start of the key, to recognise it.' }),
    scopes: t.field({
      type: [ApiKeyScopeEnum],
      description: 'What the key may do.',
      resolve: (k) => k.scopes,
    }),
    expiresAt: t.expose('expiresAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the key stops working (UTC); null: never.',
    }),
    revokedAt: t.expose('revokedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the key was revoked (UTC); null while it is active.',
    }),
    lastUsedAt: t.expose('lastUsedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'Updated at most once a minute.',
    }),
    createdAt: t.expose('createdAt', {
      type: 'DateTime',
      description: 'When the key was created (UTC).',
    }),
    rateLimitPerMinute: t.exposeInt('rateLimitPerMinute', {
      nullable: true,
      description: 'Requests per minute; null means the platform default.',
    }),
    monthlySpendLimitMicros: t.expose('monthlySpendLimitMicros', {
      type: 'BigInt',
      nullable: true,
      description:
        'The most calls with this key may be charged per calendar month (UTC), in micro-units of USD; null: no limit of its own.',
    }),
  }),
});

export const AuditLogEntryRef = builder.objectRef<AuditLog>('AuditLogEntry');
builder.node(AuditLogEntryRef, {
  description: 'A security-relevant action in the organization.',
  id: { resolve: (a) => a.id },
  loadOne: (id, ctx) =>
    ctx.principal?.permissions.has('audit.read')
      ? ctx.db.auditLog.findFirst({ where: { id, organizationId: ctx.organizationId ?? '' } })
      : null,
  isTypeOf: (v) => typeof v === 'object' && v !== null && 'action' in v && 'targetType' in v,
  fields: (t) => ({
    action: t.exposeString('action', { description: '"resource.action", e.g. "apiKey.create".' }),
    actor: t.string({
      nullable: true,
      description: 'Who did it: a user’s email or an API key’s id.',
      resolve: async (a, _args, ctx) => {
        if (a.actorUserId) {
          const user = await ctx.services.db.user.findUnique({ where: { id: a.actorUserId } });
          return user?.email ?? null;
        }
        return a.actorApiKeyId ? `apiKey:${a.actorApiKeyId}` : null;
      },
    }),
    targetType: t.exposeString('targetType', {
      nullable: true,
      description: 'The kind of object acted on, e.g. "ApiKey"; null when there is none.',
    }),
    targetId: t.exposeString('targetId', {
      nullable: true,
      description: 'The id of the object acted on; null when there is none.',
    }),
    metadata: t.expose('metadata', {
      type: 'JSON',
      description: 'Details of the action, e.g. the old and new values.',
    }),
    ip: t.exposeString('ip', {
      nullable: true,
      description: 'The IP address the request came from, when known.',
    }),
    userAgent: t.exposeString('userAgent', {
      nullable: true,
      description: 'The User-Agent header of the request, when known.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it happened (UTC).' }),
  }),
});
