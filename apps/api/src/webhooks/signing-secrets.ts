// Each organization's webhook signing secret: made on first use, readable by key managers,
// rotated on request (audited). Deliveries made after a rotation use the new secret.
import type { Tx } from '@modelhub/db';
import { generateSigningSecret } from './webhook-signature.ts';

/** The organization's secret, created when it has none (in the caller's tenant transaction). */
export async function signingSecretOf(tx: Tx, organizationId: string): Promise<string> {
  const existing = await tx.webhookSigningSecret.findUnique({ where: { organizationId } });
  if (existing) return existing.secret;
  const created = await tx.webhookSigningSecret.upsert({
    where: { organizationId },
    create: { organizationId, secret: generateSigningSecret() },
    update: {},
  });
  return created.secret;
}

export async function rotateSigningSecret(tx: Tx, organizationId: string): Promise<string> {
  const secret = generateSigningSecret();
  await tx.webhookSigningSecret.upsert({
    where: { organizationId },
    create: { organizationId, secret },
    update: { secret, createdAt: new Date() },
  });
  return secret;
}
