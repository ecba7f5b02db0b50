// The audit log of security-relevant actions. Written inside the transaction of the action it
// records, so an action and its entry commit together; never holds secrets.
import type { Prisma, Tx } from '@modelhub/db';
import type { Principal } from '../auth/principal.ts';
import type { RequestOrigin } from '../context.ts';

export type AuditAction =
  | 'apiKey.create'
  | 'apiKey.revoke'
  | 'organization.create'
  | 'member.invite'
  | 'member.join'
  | 'member.role.update'
  | 'member.remove'
  | 'member.leave'
  | 'auth.signIn.newDevice'
  | 'auth.password.reset'
  | 'webhookSecret.rotate'
  | 'billing.spendLimit.update';

export interface AuditEntry {
  organizationId: string;
  action: AuditAction;
  target?: { type: string; id: string };
  metadata?: Prisma.InputJsonObject;
}

export interface AuditActor {
  principal: Principal | null;
  origin: RequestOrigin;
}

export async function recordAudit(tx: Tx, actor: AuditActor, entry: AuditEntry): Promise<void> {
  const { principal, origin } = actor;
  await tx.auditLog.create({
    data: {
      organizationId: entry.organizationId,
      actorUserId: principal?.kind === 'user' ? principal.userId : null,
      actorApiKeyId: principal?.kind === 'apiKey' ? principal.apiKeyId : null,
      action: entry.action,
      targetType: entry.target?.type ?? null,
      targetId: entry.target?.id ?? null,
      metadata: entry.metadata ?? {},
      ip: origin.ip,
      userAgent: origin.userAgent,
    },
  });
}
