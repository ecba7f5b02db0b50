// Writes a successful prediction's usage: the prediction row, its one UsageEvent and the ledger
// debit, inside the caller's transaction so they commit (or fail) together. A charge that the
// balance or a spend limit does not allow throws a BillingError before anything is written; the
// caller's transaction then rolls back as a whole.
import { Prisma, type Tx } from '@modelhub/db';
import { BillingError } from './billing-error.ts';
import { monthStart } from './calendar-month.ts';
import { calculateCharge, type Charge, type Metered, type PriceTerms } from './price-calculator.ts';
import { priceInForce } from './price-in-force.ts';
import { assertCanAfford, lockOrganizationBilling } from './spend-guard.ts';

export type PriceRow = PriceTerms & { id: string; currency: string };

export interface SucceededPrediction {
  organizationId: string;
  publisherOrganizationId: string;
  modelVersionId: string;
  apiKeyId: string | null;
  userId: string | null;
  runnerId: string | null;
  idempotencyKey: string | null;
  output: Prisma.InputJsonValue | null;
  metered: Metered;
  queueMs: number;
  totalMs: number;
  startedAt: Date;
  /**
   * The price the caller resolved. The version's price in force at `startedAt` is read again in
   * the transaction and wins, so a cached price is never charged after a change; this one is
   * used only when the version has no price row in force at that moment.
   */
  price: PriceRow | null;
  /**
   * An async prediction that is RUNNING: it becomes SUCCEEDED instead of a new row being
   * created. When it is no longer RUNNING (canceled meanwhile, or finished by another attempt)
   * nothing is written and INVALID_STATE is thrown, so one prediction is never charged twice.
   */
  runningPredictionId?: string;
  /** async predictions: when their inputs and outputs are purged */
  expiresAt?: Date | null;
}

export interface RecordedUsage {
  predictionId: string;
  usageEventId: string;
  priceId: string | null;
  charge: Charge;
  currency: string;
}

const FREE: Charge = { unit: 'PER_CALL', quantity: 1n, chargedQuantity: 0n, amountMicros: 0n };

export async function recordSucceededPrediction(
  tx: Tx,
  p: SucceededPrediction,
): Promise<RecordedUsage> {
  const now = new Date();
  const price: PriceRow | null = (await priceInForce(tx, p.modelVersionId, p.startedAt)) ?? p.price;
  let charge = FREE;
  if (price && price.amountMicros > 0n) {
    await lockOrganizationBilling(tx, p.organizationId);
    // Read under the lock, so concurrent calls spend the free allowance exactly once.
    const used = await tx.usageEvent.aggregate({
      where: {
        organizationId: p.organizationId,
        priceId: price.id,
        createdAt: { gte: monthStart(now) },
      },
      _sum: { quantity: true },
    });
    charge = calculateCharge(price, p.metered, used._sum.quantity ?? 0n);
    if (charge.amountMicros > 0n) {
      await assertCanAfford(tx, {
        organizationId: p.organizationId,
        apiKeyId: p.apiKeyId,
        chargeMicros: charge.amountMicros,
        now,
      });
    }
  } else if (price) {
    charge = calculateCharge(price, p.metered);
  }
  const currency = price?.currency ?? 'usd';
  const outcome = {
    runnerId: p.runnerId,
    status: 'SUCCEEDED' as const,
    itemCount: p.metered.items,
    ...(p.output === null ? {} : { output: p.output }),
    queueMs: Math.round(p.queueMs),
    computeMs: Math.round(p.metered.computeMs),
    totalMs: Math.round(p.totalMs),
    completedAt: now,
  };
  let prediction: { id: string };
  if (p.runningPredictionId) {
    // Conditional on RUNNING in the same transaction as the charge: a cancel or another attempt
    // that got there first wins, and this one writes nothing.
    const updated = await tx.prediction.updateMany({
      where: { id: p.runningPredictionId, organizationId: p.organizationId, status: 'RUNNING' },
      data: { ...outcome, input: Prisma.DbNull, expiresAt: p.expiresAt ?? null },
    });
    if (updated.count !== 1) {
      throw new BillingError('INVALID_STATE', 'the prediction is no longer running');
    }
    prediction = { id: p.runningPredictionId };
  } else {
    prediction = await tx.prediction.create({
      data: {
        organizationId: p.organizationId,
        modelVersionId: p.modelVersionId,
        apiKeyId: p.apiKeyId,
        userId: p.userId,
        idempotencyKey: p.idempotencyKey,
        createdAt: p.startedAt,
        startedAt: p.startedAt,
        ...outcome,
      },
    });
  }
  const usage = await tx.usageEvent.create({
    data: {
      organizationId: p.organizationId,
      publisherOrganizationId: p.publisherOrganizationId,
      predictionId: prediction.id,
      modelVersionId: p.modelVersionId,
      apiKeyId: p.apiKeyId,
      priceId: price?.id ?? null,
      unit: charge.unit,
      quantity: charge.quantity,
      amountMicros: charge.amountMicros,
      currency,
      createdAt: now,
    },
  });
  await tx.ledgerEntry.create({
    data: {
      organizationId: p.organizationId,
      kind: 'USAGE',
      amountMicros: -charge.amountMicros,
      currency,
      usageEventId: usage.id,
      description: `prediction ${prediction.id}`,
      createdAt: now,
    },
  });
  return {
    predictionId: prediction.id,
    usageEventId: usage.id,
    priceId: price?.id ?? null,
    charge,
    currency,
  };
}

/** The organization's balance: the sum of its ledger, kept in a column by the database. */
export async function balanceOf(tx: Tx, organizationId: string): Promise<bigint> {
  const organization = await tx.organization.findUnique({
    where: { id: organizationId },
    select: { balanceMicros: true },
  });
  return organization?.balanceMicros ?? 0n;
}
