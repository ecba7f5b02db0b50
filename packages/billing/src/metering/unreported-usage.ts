// Postpaid usage not yet reported to Stripe, oldest first, in keyset pages. Stripe accepts meter
// events up to 35 days old; older ones are left for reconciliation instead of failing forever.
import type { Db } from '@modelhub/db';

export const METER_EVENT_MAX_AGE_DAYS = 35;

export interface UnreportedUsageCursor {
  createdAt: Date;
  id: string;
}

export async function findUnreportedUsage(
  db: Db,
  options: { limit: number; after?: UnreportedUsageCursor | null; now?: Date },
): Promise<UnreportedUsageCursor[]> {
  const now = options.now ?? new Date();
  // A margin inside Stripe's window, so an event picked now is still accepted when it is sent.
  const oldest = new Date(now.getTime() - (METER_EVENT_MAX_AGE_DAYS * 24 - 1) * 3_600_000);
  const after = options.after ?? { createdAt: new Date(0), id: '' };
  return db.$queryRaw<UnreportedUsageCursor[]>`
    SELECT u.id, u."createdAt"
    FROM "UsageEvent" u JOIN "Organization" o ON o.id = u."organizationId"
    WHERE u."reportedAt" IS NULL
      AND u."amountMicros" > 0
      AND o."billingMode" = 'POSTPAID'
      AND u."createdAt" >= ${oldest}
      AND (u."createdAt", u.id) > (${after.createdAt}::timestamptz, ${after.id})
    ORDER BY u."createdAt", u.id
    LIMIT ${options.limit}`;
}
