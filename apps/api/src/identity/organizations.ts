// Organizations and their members: create, invite by email (single-use expiring token), accept,
// change roles, remove, leave. Role changes follow `mayAssignRole`, and an organization always
// keeps at least one owner.
import type { Membership, Organization, Role, Tx } from '@modelhub/db';
import { createOneTimeToken, hashOneTimeToken, mayAssignRole } from '@modelhub/identity';
import { AppError } from '../app-error.ts';
import { requirePermission, requireUser, type UserPrincipal } from '../auth/principal.ts';
import type { ApiContext } from '../context.ts';
import { withTenant } from '@modelhub/db';
import { recordAudit } from './audit-log.ts';
import { checkEmail, checkName, checkSlug } from './input-checks.ts';

const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export async function createOrganization(
  ctx: ApiContext,
  input: { slug: string; name: string },
): Promise<Organization> {
  const user = requireUser(ctx.principal);
  const slug = checkSlug(input.slug);
  const name = checkName(input.name, 'name') || slug;
  const { db } = ctx.services;
  if (await db.organization.findUnique({ where: { slug }, select: { id: true } })) {
    throw new AppError('CONFLICT', `the handle '${slug}' is taken`, { field: 'slug' });
  }
  const organizationId = crypto.randomUUID();
  return withTenant(
    db,
    organizationId,
    async (tx) => {
      const org = await tx.organization.create({ data: { id: organizationId, slug, name } });
      await tx.membership.create({ data: { organizationId, userId: user.userId, role: 'OWNER' } });
      await recordAudit(tx, ctx, {
        organizationId,
        action: 'organization.create',
        target: { type: 'Organization', id: organizationId },
        metadata: { slug },
      });
      return org;
    },
    { userId: user.userId },
  );
}

function actingMember(ctx: ApiContext): UserPrincipal & { organizationId: string; role: Role } {
  const user = requireUser(ctx.principal);
  requirePermission(user, 'members.manage');
  return user as UserPrincipal & { organizationId: string; role: Role };
}

export async function inviteMember(ctx: ApiContext, input: { email: string; role: Role }) {
  const actor = actingMember(ctx);
  const email = checkEmail(input.email);
  if (!mayAssignRole(actor.role, null, input.role)) {
    throw new AppError('FORBIDDEN', `a ${actor.role} cannot invite an ${input.role}`);
  }
  const { token, tokenHash } = createOneTimeToken();
  const invitation = await ctx.tenant(async (tx) => {
    const existing = await tx.membership.findFirst({
      where: { organizationId: actor.organizationId, user: { email } },
      select: { id: true },
    });
    if (existing) {
      throw new AppError('CONFLICT', `${email} is already a member`, { field: 'email' });
    }
    const created = await tx.invitation.create({
      data: {
        organizationId: actor.organizationId,
        email,
        role: input.role,
        tokenHash,
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
        invitedById: actor.userId,
      },
    });
    await recordAudit(tx, ctx, {
      organizationId: actor.organizationId,
      action: 'member.invite',
      target: { type: 'Invitation', id: created.id },
      metadata: { email, role: input.role },
    });
    return created;
  });
  const org = await ctx.loaders.organization(actor.organizationId);
  await ctx.services.mailer.send({
    to: email,
    subject: `You are invited to ${org.name} on Modelhub`,
    text: `You have been invited to join ${org.name} (${org.slug}) on Modelhub as ${input.role}. Accept within 7 days:\n\n${ctx.services.portalUrl}/invitations/accept?token=${token}\n`,
  });
  return invitation;
}

interface InvitationRow {
  id: string;
  organizationId: string;
  email: string;
  role: Role;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}

export async function acceptInvitation(ctx: ApiContext, token: string): Promise<Membership> {
  const user = requireUser(ctx.principal);
  const { db } = ctx.services;
  // Before joining, the organization's invitations are hidden by row-level security; this
  // function finds exactly the one the token names.
  const [invitation] = await db.$queryRaw<InvitationRow[]>`
    SELECT id, "organizationId", email, role::text AS role, "expiresAt", "acceptedAt", "revokedAt"
    FROM app_invitation_by_token_hash(${hashOneTimeToken(token)})`;
  const invalid = (message: string) => new AppError('BAD_USER_INPUT', message, { field: 'token' });
  if (!invitation || invitation.revokedAt) throw invalid('this invitation is invalid');
  if (invitation.acceptedAt) throw invalid('this invitation has already been used');
  if (invitation.expiresAt.getTime() <= Date.now()) throw invalid('this invitation has expired');
  const me = await db.user.findUniqueOrThrow({ where: { id: user.userId } });
  if (me.email !== invitation.email) {
    throw new AppError('FORBIDDEN', 'this invitation was sent to another email address');
  }
  return withTenant(
    db,
    invitation.organizationId,
    async (tx) => {
      // Claimed inside the transaction, so two concurrent accepts cannot both succeed.
      const claimed = await tx.invitation.updateMany({
        where: { id: invitation.id, acceptedAt: null },
        data: { acceptedAt: new Date() },
      });
      if (claimed.count !== 1) throw invalid('this invitation has already been used');
      const already = await tx.membership.findUnique({
        where: {
          organizationId_userId: { organizationId: invitation.organizationId, userId: user.userId },
        },
      });
      if (already) throw new AppError('CONFLICT', 'you are already a member of this organization');
      const membership = await tx.membership.create({
        data: {
          organizationId: invitation.organizationId,
          userId: user.userId,
          role: invitation.role,
        },
      });
      await recordAudit(
        tx,
        { principal: user, origin: ctx.origin },
        {
          organizationId: invitation.organizationId,
          action: 'member.join',
          target: { type: 'Membership', id: membership.id },
          metadata: { role: invitation.role },
        },
      );
      return membership;
    },
    { userId: user.userId },
  );
}

async function memberOfCurrentOrg(tx: Tx, organizationId: string, membershipId: string) {
  const membership = await tx.membership.findFirst({
    where: { id: membershipId, organizationId },
  });
  if (!membership) throw new AppError('NOT_FOUND', 'membership not found');
  return membership;
}

async function assertAnotherOwner(tx: Tx, organizationId: string, leaving: Membership) {
  if (leaving.role !== 'OWNER') return;
  const owners = await tx.membership.count({ where: { organizationId, role: 'OWNER' } });
  if (owners <= 1) {
    throw new AppError(
      'CONFLICT',
      'an organization needs at least one owner; make someone else owner first',
    );
  }
}

export async function updateMemberRole(ctx: ApiContext, membershipId: string, role: Role) {
  const actor = actingMember(ctx);
  return ctx.tenant(async (tx) => {
    const membership = await memberOfCurrentOrg(tx, actor.organizationId, membershipId);
    if (!mayAssignRole(actor.role, membership.role, role)) {
      throw new AppError(
        'FORBIDDEN',
        `a ${actor.role} cannot change an ${membership.role} to ${role}`,
      );
    }
    if (role !== 'OWNER') await assertAnotherOwner(tx, actor.organizationId, membership);
    const updated = await tx.membership.update({ where: { id: membership.id }, data: { role } });
    await recordAudit(tx, ctx, {
      organizationId: actor.organizationId,
      action: 'member.role.update',
      target: { type: 'Membership', id: membership.id },
      metadata: { from: membership.role, to: role },
    });
    return updated;
  });
}

export async function removeMember(ctx: ApiContext, membershipId: string): Promise<void> {
  const actor = actingMember(ctx);
  await ctx.tenant(async (tx) => {
    const membership = await memberOfCurrentOrg(tx, actor.organizationId, membershipId);
    if (!mayAssignRole(actor.role, membership.role, membership.role)) {
      throw new AppError('FORBIDDEN', `a ${actor.role} cannot remove an ${membership.role}`);
    }
    await assertAnotherOwner(tx, actor.organizationId, membership);
    await tx.membership.delete({ where: { id: membership.id } });
    await recordAudit(tx, ctx, {
      organizationId: actor.organizationId,
      action: 'member.remove',
      target: { type: 'Membership', id: membership.id },
      metadata: { userId: membership.userId, role: membership.role },
    });
  });
}

export async function leaveOrganization(ctx: ApiContext, organizationId: string): Promise<void> {
  const user = requireUser(ctx.principal);
  await withTenant(
    ctx.services.db,
    organizationId,
    async (tx) => {
      const membership = await tx.membership.findUnique({
        where: { organizationId_userId: { organizationId, userId: user.userId } },
      });
      if (!membership) throw new AppError('NOT_FOUND', 'organization not found');
      await assertAnotherOwner(tx, organizationId, membership);
      await tx.membership.delete({ where: { id: membership.id } });
      await recordAudit(tx, ctx, {
        organizationId,
        action: 'member.leave',
        target: { type: 'Membership', id: membership.id },
      });
    },
    { userId: user.userId },
  );
}
