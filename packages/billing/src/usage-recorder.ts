// Writes a successful prediction's usage: the prediction row, its one UsageEvent and the ledger
// debit, inside the caller's transaction so they commit (or fail) together.
import type { Prisma, Tx } from '@modelhub/db';
import { calculateCharge, type Charge, type Metered, type PriceTerms } from './price-calculator.ts';

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
  price: (PriceTerms & { id: string; currency: string }) | null;
}

export interface RecordedUsage {
  predictionId: string;
  usageEventId: string;
  charge: Charge;
  currency: string;
}

function monthStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

export async function recordSucceededPrediction(
  tx: Tx,
  p: SucceededPrediction,
): Promise<RecordedUsage> {
  const now = new Date();
  let charge: Charge = { unit: 'PER_CALL', quantity: 1n, chargedQuantity: 0n, amountMicros: 0n };
  if (p.price) {
    const used = await tx.usageEvent.aggregate({
      where: {
        organizationId: p.organizationId,
        priceId: p.price.id,
        createdAt: { gte: monthStart(now) },
      },
      _sum: { quantity: true },
    });
    charge = calculateCharge(p.price, p.metered, used._sum.quantity ?? 0n);
  }
  const currency = p.price?.currency ?? 'usd';
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
      priceId: p.price?.id ?? null,
      unit: charge.unit,
      quantity: charge.quantity,
      amountMicros: charge.amountMicros,
      currency,
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
    },
  });
  return { predictionId: prediction.id, usageEventId: usage.id, charge, currency };
}

/** The organization's balance: the sum of its ledger entries. */
export async function balanceOf(tx: Tx, organizationId: string): Promise<bigint> {
  const sum = await tx.ledgerEntry.aggregate({
    where: { organizationId },
    _sum: { amountMicros: true },
  });
  return sum._sum.amountMicros ?? 0n;
}
