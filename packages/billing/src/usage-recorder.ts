// Writes a successful prediction's usage: the prediction row, its one UsageEvent and the ledger
// debit, inside the caller's transaction so they commit (or fail) together. A charge that the
// balance or a spend limit does not allow throws a BillingError before anything is written; the
// caller's transaction then rolls back as a whole.
import type { Prisma, Tx } from '@modelhub/db';
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
  const prediction = await tx.prediction.create({
    data: {
      organizationId: p.organizationId,
      modelVersionId: p.modelVersionId,
      apiKeyId: p.apiKeyId,
      userId: p.userId,
      runnerId: p.runnerId,
      status: 'SUCCEEDED',
      idempotencyKey: p.idempotencyKey,
      itemCount: p.metered.items,
      ...(p.output === null ? {} : { output: p.output }),
      queueMs: Math.round(p.queueMs),
      computeMs: Math.round(p.metered.computeMs),
      totalMs: Math.round(p.totalMs),
      createdAt: p.startedAt,
      startedAt: p.startedAt,
      completedAt: now,
    },
  });
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

/** The organization's balance: the sum of its ledger entries. */
export async function balanceOf(tx: Tx, organizationId: string): Promise<bigint> {
  const sum = await tx.ledgerEntry.aggregate({
    where: { organizationId },
    _sum: { amountMicros: true },
  });
  return sum._sum.amountMicros ?? 0n;
}
