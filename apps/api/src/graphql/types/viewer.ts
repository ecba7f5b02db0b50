// The caller: a signed-in user (with their organizations) or an API key, acting in one
// organization. Also the dev mailbox, which stands in for email when no SMTP server is set.
import { balanceOf } from '@modelhub/billing';
import type { StoredEmail } from '@modelhub/identity';
import { AppError } from '../../app-error.ts';
import type { Principal } from '../../auth/principal.ts';
import { builder } from '../builder.ts';
import { MembershipRef, UserRef } from './access.ts';
import { ApiKeyScopeEnum, RoleEnum } from './enums.ts';
import { OrganizationRef } from './organization.ts';

const ViewerRef = builder.objectRef<Principal>('Viewer').implement({
  description: 'Who is calling: a signed-in user or an API key, and the organization it acts for.',
  fields: (t) => ({
    user: t.field({
      type: UserRef,
      nullable: true,
      description: 'The signed-in user; null for API keys.',
      resolve: (p, _args, ctx) =>
        p.kind === 'user' ? ctx.services.db.user.findUnique({ where: { id: p.userId } }) : null,
    }),
    organization: t.field({
      type: OrganizationRef,
      nullable: true,
      description:
        'The organization the caller acts for: the key’s, or the user’s choice (header x-modelhub-organization: <slug>), by default their personal one.',
      resolve: (p, _args, ctx) =>
        p.organizationId ? ctx.loaders.organization(p.organizationId) : null,
    }),
    role: t.field({
      type: RoleEnum,
      nullable: true,
      description: 'The signed-in user’s role in that organization.',
      resolve: (p) => (p.kind === 'user' ? p.role : null),
    }),
    permissions: t.stringList({
      description: 'What the caller may do there, e.g. "keys.manage" (see @modelhub/identity).',
      resolve: (p) => [...p.permissions].sort(),
    }),
    organizations: t.field({
      type: [MembershipRef],
      description: 'Every organization the signed-in user belongs to; empty for API keys.',
      resolve: (p, _args, ctx) =>
        p.kind === 'user'
          ? ctx.db.membership.findMany({
              where: { userId: p.userId },
              orderBy: { createdAt: 'asc' },
            })
          : [],
    }),
    apiKeyScopes: t.field({
      type: [ApiKeyScopeEnum],
      description: 'The API key’s scopes; empty for signed-in users.',
      resolve: (p) => (p.kind === 'apiKey' ? p.scopes : []),
    }),
    balanceMicros: t.field({
      type: 'BigInt',
      nullable: true,
      description:
        'Credit left: the sum of the organization’s ledger entries, in micro-units. Null without usage.read or billing.read.',
      resolve: async (p, _args, ctx) => {
        if (!p.organizationId) return null;
        if (!p.permissions.has('usage.read') && !p.permissions.has('billing.read')) return null;
        return balanceOf(ctx.db, p.organizationId);
      },
    }),
  }),
});

const DevEmailRef = builder.objectRef<StoredEmail>('DevEmail').implement({
  description: 'An email the api would have sent, kept because no SMTP server is configured.',
  fields: (t) => ({
    to: t.exposeString('to', { description: 'The recipient’s address.' }),
    subject: t.exposeString('subject', { description: 'The subject line.' }),
    text: t.exposeString('text', { description: 'The plain-text body.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was sent (UTC).' }),
  }),
});

builder.queryFields((t) => ({
  viewer: t.field({
    type: ViewerRef,
    nullable: true,
    description: 'The caller; null when not authenticated.',
    resolve: (_root, _args, ctx) => ctx.principal,
  }),
  mailMode: t.string({
    description: '"smtp" when emails are sent, "dev-mailbox" when they are kept for `devMailbox`.',
    resolve: (_root, _args, ctx) => ctx.services.mailer.mode,
  }),
  devMailbox: t.field({
    type: [DevEmailRef],
    description:
      'Development only (no SMTP server configured): the emails sent to an address, newest first. FORBIDDEN when email is really sent.',
    args: { email: t.arg.string({ required: true }) },
    resolve: (_root, { email }, ctx) => {
      if (ctx.services.mailer.mode !== 'dev-mailbox') {
        throw new AppError('FORBIDDEN', 'the dev mailbox exists only without SMTP_URL');
      }
      return ctx.services.mailer.inbox(email.trim());
    },
  }),
}));
