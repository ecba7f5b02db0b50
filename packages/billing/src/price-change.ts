// A published version's price changes by closing the row in force (`effectiveTo = now`) and
// opening a new one (`effectiveFrom = now`) in one transaction, with an audit record. Price rows
// are never edited, so usage already recorded keeps pointing at the price it was charged at.
import { PriceUnit, withTenant, type Db, type Price, type Prisma, type Tx } from '@modelhub/db';
import { z } from 'zod';
import { BillingError } from './billing-error.ts';
import { parseInput } from './parse-input.ts';
import { priceInForce } from './price-in-force.ts';

/** 1,000,000 USD per unit: far above any real price, low enough to catch a unit mistake */
const MAX_AMOUNT_MICROS = 1_000_000n * 1_000_000n;

const changePriceSchema = z.strictObject({
  organizationId: z.string().min(1),
  modelVersionId: z.string().min(1),
  price: z.strictObject({
    unit: z.enum(PriceUnit),
    amountMicros: z.bigint().min(0n).max(MAX_AMOUNT_MICROS),
    freeAllowance: z.int().min(0).max(1_000_000_000).default(0),
    currency: z
      .string()
      .regex(/^[a-z]{3}$/, { error: 'an ISO 4217 code in lower case, e.g. usd' })
      .default('usd'),
  }),
  actorUserId: z.string().min(1).nullable(),
});

export type ChangePriceInput = z.input<typeof changePriceSchema>;

export interface PriceChange {
  /** the row that was in force, now closed; null when the version had none */
  previous: Price | null;
  /** the row in force now */
  current: Price;
  /** false when the new terms equal the old ones: nothing was written */
  changed: boolean;
}

export async function changePrice(db: Db, input: ChangePriceInput): Promise<PriceChange> {
  const { organizationId, modelVersionId, price, actorUserId } = parseInput(
    changePriceSchema,
    input,
    'price change',
  );
  return withTenant(db, organizationId, async (tx) => {
    const status = await lockPublishedVersion(tx, organizationId, modelVersionId);
    if (status === 'DRAFT' || status === 'YANKED') {
      throw new BillingError(
        'INVALID_STATE',
        status === 'DRAFT'
          ? "a draft version's price is set on the draft; prices change once it is published"
          : 'a yanked version can no longer be called, so its price cannot change',
        { status },
      );
    }
    let now = new Date();
    const previous = await priceInForce(tx, modelVersionId, now);
    if (previous && sameTerms(previous, price))
      return { previous, current: previous, changed: false };
    // Keep the history ordered even if this host's clock is behind the one that opened the row.
    if (previous && previous.effectiveFrom >= now) {
      now = new Date(previous.effectiveFrom.getTime() + 1);
    }
    await tx.price.updateMany({
      where: { modelVersionId, OR: [{ effectiveTo: null }, { effectiveTo: { gt: now } }] },
      data: { effectiveTo: now },
    });
    const current = await tx.price.create({
      data: { modelVersionId, organizationId, ...price, effectiveFrom: now },
    });
    await tx.auditLog.create({
      data: {
        organizationId,
        actorUserId,
        action: 'price.change',
        targetType: 'ModelVersion',
        targetId: modelVersionId,
        metadata: { old: previous ? priceTerms(previous) : null, new: priceTerms(current) },
      },
    });
    return { previous, current, changed: true };
  });
}

async function lockPublishedVersion(
  tx: Tx,
  organizationId: string,
  modelVersionId: string,
): Promise<string> {
  // Serializes concurrent changes of one version's price.
  const rows = await tx.$queryRaw<{ status: string }[]>`
    SELECT status::text AS status FROM "ModelVersion"
    WHERE id = ${modelVersionId} AND "organizationId" = ${organizationId}
    FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new BillingError('NOT_FOUND', `model version '${modelVersionId}' not found`);
  return row.status;
}

function sameTerms(
  a: Price,
  b: { unit: PriceUnit; amountMicros: bigint; freeAllowance: number; currency: string },
): boolean {
  return (
    a.unit === b.unit &&
    a.amountMicros === b.amountMicros &&
    a.freeAllowance === b.freeAllowance &&
    a.currency === b.currency
  );
}

function priceTerms(p: Price): Prisma.InputJsonObject {
  return {
    priceId: p.id,
    unit: p.unit,
    amountMicros: p.amountMicros.toString(),
    freeAllowance: p.freeAllowance,
    currency: p.currency,
    effectiveFrom: p.effectiveFrom.toISOString(),
  };
}
