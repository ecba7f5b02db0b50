// Group commit of charges: the successful synchronous calls of one organization that finished
// while its previous charge was committing are charged together, in one transaction, under one
// billing lock. The decisions are exactly those of recording them one after another (the price
// in force when each started, the free allowance spent first, the balance and spend limits
// checked before each debit), but the lock, the balance and spend reads and the inserts are paid
// once per group instead of once per call, which lifts the ceiling a single organization's
// serialized charges put on throughput.
//
// Not for calls with an idempotency key (a duplicate key would abort the whole group) or async
// predictions (which complete an existing row): those use recordSucceededPrediction.
import { randomUUID } from 'node:crypto';
import type { Tx } from '@modelhub/db';
import { BillingError } from './billing-error.ts';
import { insertChargedCalls, type ChargedCall } from './charged-calls-insert.ts';
import { monthStart } from './calendar-month.ts';
import { calculateCharge, type Charge } from './price-calculator.ts';
import { lockOrganizationBilling, readSpendSnapshot, type SpendSnapshot } from './spend-guard.ts';
import type { PriceRow, RecordedUsage, SucceededPrediction } from './usage-recorder.ts';

const FREE: Charge = { unit: 'PER_CALL', quantity: 1n, chargedQuantity: 0n, amountMicros: 0n };

/** What the group recorded for each call, in order: its usage, or why it was refused. */
export type BatchOutcome = RecordedUsage | BillingError;

export async function recordSucceededPredictionBatch(
  tx: Tx,
  calls: readonly SucceededPrediction[],
): Promise<BatchOutcome[]> {
  const organizationId = calls[0]?.organizationId;
  if (!organizationId) return [];
  if (calls.some((c) => c.organizationId !== organizationId)) {
    throw new Error('a charge group holds the calls of one organization');
  }
  if (calls.some((c) => c.idempotencyKey || c.runningPredictionId || c.output !== null)) {
    throw new Error(
      'calls with an idempotency key, a kept output or an existing prediction are charged alone',
    );
  }
  const now = new Date();
  const prices = await pricesInForce(tx, calls);
  const paid = calls.some((_, i) => (prices[i]?.amountMicros ?? 0n) > 0n);
  if (paid) await lockOrganizationBilling(tx, organizationId);

  // Read under the lock: the allowance used per price, and the balance and spend per key.
  const used = new Map<string, bigint>();
  const snapshots = new Map<string | null, SpendSnapshot>();
  let spentByOrganization = 0n;
  let balance: bigint | null = null;
  const outcomes: (BatchOutcome | null)[] = [];
  const charges: { call: SucceededPrediction; price: PriceRow | null; charge: Charge }[] = [];

  for (const [i, call] of calls.entries()) {
    const price = prices[i] ?? null;
    let charge = FREE;
    if (price && price.amountMicros > 0n) {
      if (!used.has(price.id))
        used.set(price.id, await allowanceUsed(tx, organizationId, price.id, now));
      charge = calculateCharge(price, call.metered, used.get(price.id));
      if (charge.amountMicros > 0n) {
        let snapshot = snapshots.get(call.apiKeyId);
        if (!snapshot) {
          snapshot = await readSpendSnapshot(tx, organizationId, call.apiKeyId, now);
          snapshots.set(call.apiKeyId, snapshot);
          balance ??= snapshot.balanceMicros;
        }
        const refusal = refuse(snapshot, balance!, spentByOrganization, charge.amountMicros);
        if (refusal) {
          outcomes.push(refusal);
          continue;
        }
        balance = balance! - charge.amountMicros;
        spentByOrganization += charge.amountMicros;
        // The key's own spend grows with each of its calls; the snapshot carries it.
        snapshot.apiKeySpentMicros += charge.amountMicros;
      }
      used.set(price.id, used.get(price.id)! + charge.quantity);
    } else if (price) {
      charge = calculateCharge(price, call.metered);
    }
    charges.push({ call, price, charge });
    outcomes.push(null);
  }

  const rows: ChargedCall[] = charges.map(({ call, price, charge }) => ({
    call,
    price,
    charge,
    predictionId: randomUUID(),
    usageEventId: randomUUID(),
    ledgerEntryId: randomUUID(),
    currency: price?.currency ?? 'usd',
  }));
  await insertChargedCalls(tx, organizationId, rows, now);
  let next = 0;
  return outcomes.map((outcome) => {
    if (outcome) return outcome;
    const row = rows[next++]!;
    return {
      predictionId: row.predictionId,
      usageEventId: row.usageEventId,
      priceId: row.price?.id ?? null,
      charge: row.charge,
      currency: row.currency,
    };
  });
}

/** The price each call pays: the version's price in force when it started (one query for the
 * group), else the price the caller resolved. */
async function pricesInForce(
  tx: Tx,
  calls: readonly SucceededPrediction[],
): Promise<(PriceRow | null)[]> {
  const versionIds = [...new Set(calls.map((c) => c.modelVersionId))];
  const earliest = new Date(Math.min(...calls.map((c) => c.startedAt.getTime())));
  const rows = await tx.price.findMany({
    where: {
      modelVersionId: { in: versionIds },
      OR: [{ effectiveTo: null }, { effectiveTo: { gt: earliest } }],
    },
    orderBy: { effectiveFrom: 'desc' },
  });
  return calls.map(
    (call) =>
      rows.find(
        (row) =>
          row.modelVersionId === call.modelVersionId &&
          row.effectiveFrom <= call.startedAt &&
          (row.effectiveTo === null || row.effectiveTo > call.startedAt),
      ) ?? call.price,
  );
}

async function allowanceUsed(tx: Tx, organizationId: string, priceId: string, now: Date) {
  const used = await tx.usageEvent.aggregate({
    where: { organizationId, priceId, createdAt: { gte: monthStart(now) } },
    _sum: { quantity: true },
  });
  return used._sum.quantity ?? 0n;
}

/** The refusal of a charge against the group's running balance and spend, or null. */
function refuse(
  snapshot: SpendSnapshot,
  balance: bigint,
  spentInGroup: bigint,
  charge: bigint,
): BillingError | null {
  if (snapshot.billingMode === 'PREPAID' && balance < charge) {
    return new BillingError(
      'PAYMENT_REQUIRED',
      'the organization has no credit left for this call; top up to continue',
      { balanceMicros: String(balance), chargeMicros: String(charge) },
    );
  }
  const organizationSpent = snapshot.organizationSpentMicros + spentInGroup;
  if (
    snapshot.organizationLimitMicros !== null &&
    organizationSpent + charge > snapshot.organizationLimitMicros
  ) {
    return new BillingError(
      'SPEND_LIMIT_EXCEEDED',
      "this call would exceed the organization's monthly spend limit",
      {
        scope: 'organization',
        limitMicros: String(snapshot.organizationLimitMicros),
        spentMicros: String(organizationSpent),
        chargeMicros: String(charge),
      },
    );
  }
  if (
    snapshot.apiKeyLimitMicros !== null &&
    snapshot.apiKeySpentMicros + charge > snapshot.apiKeyLimitMicros
  ) {
    return new BillingError(
      'SPEND_LIMIT_EXCEEDED',
      "this call would exceed the API key's monthly spend limit",
      {
        scope: 'apiKey',
        limitMicros: String(snapshot.apiKeyLimitMicros),
        spentMicros: String(snapshot.apiKeySpentMicros),
        chargeMicros: String(charge),
      },
    );
  }
  return null;
}
