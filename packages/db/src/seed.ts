// The idempotent base seed: the demo publisher and consumer organizations, a demo user, trial
// credit and a demo API key. Models are published by @modelhub/models on top of this.
import { generateApiKey } from './api-key-credentials.ts';
import type { Db } from './client.ts';

export const DEMO_PUBLISHER_SLUG = 'modelhub';
export const DEMO_ORG_SLUG = 'demo';
export const DEMO_USER_EMAIL = 'demo@modelhub.local';
export const DEMO_KEY_NAME = 'Demo key';
/** 25 USD of trial credit, in micro-units */
export const TRIAL_CREDIT_MICROS = 25_000_000n;

export interface BaseSeed {
  publisherOrganizationId: string;
  demoOrganizationId: string;
  demoUserId: string;
  /** the demo key, only when this run created it (a key is shown once, never stored) */
  newDemoApiKey: string | null;
}

export async function seedBaseData(db: Db): Promise<BaseSeed> {
  const user = await db.user.upsert({
    where: { email: DEMO_USER_EMAIL },
    update: {},
    create: { email: DEMO_USER_EMAIL, name: 'Demo User', emailVerified: new Date() },
  });
  const publisher = await db.organization.upsert({
    where: { slug: DEMO_PUBLISHER_SLUG },
    update: {},
    create: { slug: DEMO_PUBLISHER_SLUG, name: 'Modelhub Zoo' },
  });
  const demo = await db.organization.upsert({
    where: { slug: DEMO_ORG_SLUG },
    update: {},
    create: { slug: DEMO_ORG_SLUG, name: 'Demo Organization' },
  });
  for (const organizationId of [publisher.id, demo.id]) {
    await db.membership.upsert({
      where: { organizationId_userId: { organizationId, userId: user.id } },
      update: {},
      create: { organizationId, userId: user.id, role: 'OWNER' },
    });
  }
  const newDemoApiKey = await db.$transaction(async (tx) => {
    const existingTrial = await tx.ledgerEntry.findFirst({
      where: { organizationId: demo.id, kind: 'TRIAL_CREDIT' },
    });
    if (!existingTrial) {
      await tx.ledgerEntry.create({
        data: {
          organizationId: demo.id,
          kind: 'TRIAL_CREDIT',
          amountMicros: TRIAL_CREDIT_MICROS,
          description: 'Trial credit',
        },
      });
    }
    const existingKey = await tx.apiKey.findFirst({
      where: { organizationId: demo.id, name: DEMO_KEY_NAME, revokedAt: null },
    });
    if (existingKey) return null;
    const credentials = generateApiKey();
    await tx.apiKey.create({
      data: {
        organizationId: demo.id,
        name: DEMO_KEY_NAME,
        prefix: credentials.prefix,
        secretHash: credentials.secretHash,
        scopes: ['PREDICT', 'READ'],
        createdById: user.id,
      },
    });
    return credentials.key;
  });
  return {
    publisherOrganizationId: publisher.id,
    demoOrganizationId: demo.id,
    demoUserId: user.id,
    newDemoApiKey,
  };
}
