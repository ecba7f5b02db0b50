// The organization's private side, for its own members (by permission): members, invitations,
// API keys and the audit log. Another organization's are FORBIDDEN even to read.
import type { Organization } from '@modelhub/db';
import type { Permission } from '@modelhub/identity';
import { resolveOffsetConnection } from '@pothos/plugin-relay';
import { AppError } from '../../app-error.ts';
import { requirePermission } from '../../auth/principal.ts';
import type { ApiContext } from '../../context.ts';
import { builder } from '../builder.ts';
import { ApiKeyRef, AuditLogEntryRef, InvitationRef, MembershipRef } from './access.ts';
import { OrganizationRef } from './organization.ts';

function requireOwn(ctx: ApiContext, org: Organization, permission: Permission) {
  const principal = requirePermission(ctx.principal, permission);
  if (principal.organizationId !== org.id) {
    throw new AppError('FORBIDDEN', `only members of '${org.slug}' see this`);
  }
  return principal;
}

builder.objectFields(OrganizationRef, (t) => ({
  personal: t.exposeBoolean('personal', {
    description: 'A user’s personal organization, made at sign-up.',
  }),
  members: t.field({
    type: [MembershipRef],
    description: 'Everyone in the organization, oldest first. Needs members.read.',
    resolve: (org, _args, ctx) => {
      requireOwn(ctx, org, 'members.read');
      return ctx.db.membership.findMany({
        where: { organizationId: org.id },
        orderBy: { createdAt: 'asc' },
      });
    },
  }),
  invitations: t.field({
    type: [InvitationRef],
    description: 'Invitations not yet accepted, revoked or expired. Needs members.manage.',
    resolve: (org, _args, ctx) => {
      requireOwn(ctx, org, 'members.manage');
      return ctx.db.invitation.findMany({
        where: {
          organizationId: org.id,
          acceptedAt: null,
          revokedAt: null,
          expiresAt: { gt: new Date() },
        },
        orderBy: { createdAt: 'desc' },
      });
    },
  }),
  apiKeys: t.connection(
    {
      type: ApiKeyRef,
      description:
        'The organization’s API keys, newest first, revoked ones included. Needs keys.read.',
      resolve: (org, args, ctx) => {
        requireOwn(ctx, org, 'keys.read');
        return resolveOffsetConnection({ args }, ({ offset, limit }) =>
          ctx.db.apiKey.findMany({
            where: { organizationId: org.id },
            orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
            skip: offset,
            take: limit,
          }),
        );
      },
    },
    {
      description: 'A page of the organization’s API keys.',
    },
    {
      description: 'One API key and its cursor.',
      nodeField: { description: 'The API key.' },
    },
  ),
  auditLog: t.connection(
    {
      type: AuditLogEntryRef,
      description: 'Security-relevant actions, newest first. Needs audit.read (owners and admins).',
      resolve: (org, args, ctx) => {
        requireOwn(ctx, org, 'audit.read');
        return resolveOffsetConnection({ args }, ({ offset, limit }) =>
          ctx.db.auditLog.findMany({
            where: { organizationId: org.id },
            orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
            skip: offset,
            take: limit,
          }),
        );
      },
    },
    {
      description: 'A page of the organization’s audit log.',
    },
    {
      description: 'One audit log entry and its cursor.',
      nodeField: { description: 'The audit log entry.' },
    },
  ),
}));
