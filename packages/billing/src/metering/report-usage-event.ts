// Reports one postpaid usage event to Stripe Billing Meters and marks it reported. Safe to run
// any number of times: a reported event is skipped, and a repeat that reaches Stripe after a lost
// response carries the same identifier, which Stripe keeps once.
import type { Db } from '@modelhub/db';
import type { StripeAdapter } from '../stripe/stripe-adapter.ts';

export type UsageReportResult =
  /** Stripe recorded it now */
  | 'reported'
  /** Stripe already held it (an earlier attempt's response was lost); now marked */
  | 'duplicate'
  | 'already-reported'
  /** prepaid, free, or gone: nothing to report */
  | 'not-billable';

export async function reportUsageEvent(
  db: Db,
  adapter: StripeAdapter,
  usageEventId: string,
): Promise<UsageReportResult> {
  const usage = await db.usageEvent.findUnique({
    where: { id: usageEventId },
    select: {
      id: true,
      organizationId: true,
      amountMicros: true,
      createdAt: true,
      reportedAt: true,
      organization: { select: { billingMode: true, stripeCustomerId: true } },
    },
  });
  if (!usage || usage.organization.billingMode !== 'POSTPAID' || usage.amountMicros <= 0n) {
    return 'not-billable';
  }
  if (usage.reportedAt) return 'already-reported';
  const customer =
    usage.organization.stripeCustomerId ?? (await adapter.ensureCustomer(db, usage.organizationId));
  const result = await adapter.reportMeterEvent(usage, customer);
  await db.usageEvent.updateMany({
    where: { id: usage.id, reportedAt: null },
    data: { reportedAt: new Date() },
  });
  return result;
}
