// Group commit of charges: the successful synchronous calls of one organization that finished
// while its previous charge was committing are charged together, in one transaction, under one
// billing lock. The decisions are exactly those of recording them one after another (the price
// in force when each started, the free allowance spent first, the balance and spend limits
// checked before each debit), but the lock, the balance and spend reads and the inserts are paid
// once per group instead of once per call, which lifts the ceiling a single organization's
// serialized charges put on throughput.
//
// It runs raw SQL on a node-postgres connection (`withTenantSql` of @modelhub/db) rather than on
// Prisma, whose CPU cost per query (about 1 ms) exceeded that of the queries themselves on this,
// the busiest transaction of the api, and it costs two round trips: the transaction's opening
// (tenant and billing lock), the prices with their free allowance used and the spend snapshots
// in one message; the inserts with the COMMIT in another. Its statements are prepared once per
// connection: planning them had cost more than running them.
//
// Not for calls with an idempotency key (a duplicate key would abort the whole group) or async
// predictions (which complete an existing row): those use recordSucceededPrediction.
import { randomUUID } from 'node:crypto';
import {
  executeSql,
  preparedSql,
  sqlJson,
  sqlLiteral,
  type PriceUnit,
  type SqlTransaction,
} from '@modelhub/db';
import { BillingError } from './billing-error.ts';
import { insertChargedCallsSql, type ChargedCall } from './charged-calls-insert.ts';
import { monthStart } from './calendar-month.ts';
import { calculateCharge, type Charge } from './price-calculator.ts';
import {
  spendSnapshotsSql,
  readSpendSnapshot,
  toSpendSnapshot,
  type SnapshotRow,
  type SpendSnapshot,
} from './spend-guard.ts';
import type { PriceRow, RecordedUsage, SucceededPrediction } from './usage-recorder.ts';

const FREE: Charge = { unit: 'PER_CALL', quantity: 1n, chargedQuantity: 0n, amountMicros: 0n };

/** What the group recorded for each call, in order: its usage, or why it was refused. */
export type BatchOutcome = RecordedUsage | BillingError;

/**
 * Charges `calls` in the caller's transaction, which must take the organization's billing lock
 * before its first statement: `withTenantSql(pool, organizationId, fn, { billingLock: true })`,
 * whose opening travels with the reads here. The rows are written with the transaction's COMMIT
 * (`writeAtCommit`): they exist once `withTenantSql` has resolved, and not if `fn` throws.
 */
export async function recordSucceededPredictionBatch(
  tx: SqlTransaction,
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
  const { prices, used, snapshots } = await readUnderLock(tx, organizationId, calls, now);
  let spentByOrganization = 0n;
  let balance: bigint | null = null;
  const outcomes: (BatchOutcome | null)[] = [];
  const charges: { call: SucceededPrediction; price: PriceRow | null; charge: Charge }[] = [];

  for (const [i, call] of calls.entries()) {
    const price = prices[i] ?? null;
    let charge = FREE;
    if (price && price.amountMicros > 0n) {
      charge = calculateCharge(price, call.metered, used.get(price.id) ?? 0n);
      if (charge.amountMicros > 0n) {
        // Read with the prices when the group looked paid; else (a price that changed to a
        // paid one during the call) here, one round trip more.
        let snapshot = snapshots.get(call.apiKeyId);
        if (!snapshot) {
          snapshot = await readSpendSnapshot(tx, organizationId, call.apiKeyId, now);
          snapshots.set(call.apiKeyId, snapshot);
        }
        balance ??= snapshot.balanceMicros;
        const refusal = refuse(snapshot, balance, spentByOrganization, charge.amountMicros);
        if (refusal) {
          outcomes.push(refusal);
          continue;
        }
        balance -= charge.amountMicros;
        spentByOrganization += charge.amountMicros;
        // The key's own spend grows with each of its calls; the snapshot carries it.
        snapshot.apiKeySpentMicros += charge.amountMicros;
      }
      used.set(price.id, (used.get(price.id) ?? 0n) + charge.quantity);
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
  const insert = insertChargedCallsSql(organizationId, rows, now);
  if (insert) tx.writeAtCommit(insert);
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

/**
 * What the decisions read under the lock, in one round trip: the price each call pays (the
 * version's price in force when it started, else the price the caller resolved), this month's
 * quantity used of each paid price with a free allowance, and, unless every call is free, the
 * spend snapshot of each API key in the group.
 */
async function readUnderLock(
  tx: SqlTransaction,
  organizationId: string,
  calls: readonly SucceededPrediction[],
  now: Date,
) {
  const organization = sqlLiteral(organizationId);
  const month = sqlLiteral(monthStart(now).toISOString());
  const pricesQuery = executeSql(PRICES_IN_FORCE, [
    sqlJson(
      calls.map((c, n) => ({ n, version: c.modelVersionId, started: c.startedAt.toISOString() })),
    ),
    organization,
    month,
  ]);
  // A group of free calls needs no snapshot, whose spend sums read this month's usage events
  // wherever a limit is set.
  const mayCharge = calls.some((c) => (c.price?.amountMicros ?? 0n) > 0n);
  const keys = [...new Set(calls.map((c) => c.apiKeyId))];
  const [priceRows, snapshotRows = []] = await tx.queryMany(
    mayCharge
      ? [pricesQuery, executeSql(SPEND_SNAPSHOTS, [organization, sqlJson(keys), month])]
      : [pricesQuery],
  );
  const used = new Map<string, bigint>();
  const prices = (priceRows as PriceInForceRow[]).map((row, i): PriceRow | null => {
    if (row.id === null) return calls[i]!.price;
    if (row.allowanceUsed !== null) used.set(row.id, BigInt(row.allowanceUsed));
    return {
      id: row.id,
      unit: row.unit,
      amountMicros: BigInt(row.amountMicros),
      freeAllowance: row.freeAllowance,
      currency: row.currency,
    };
  });
  const snapshots = new Map<string | null, SpendSnapshot>();
  for (const row of snapshotRows as SnapshotRow[])
    snapshots.set(row.apiKeyId, toSpendSnapshot(row));
  return { prices, used, snapshots };
}

/**
 * One row per call, in order: priceInForce's choice at the call's start (or nulls), and for a
 * paid price with a free allowance the quantity used of it this month. The sum reads every usage
 * event of the organization this month, so it runs once per such price and never for others.
 * The calls are json records (n, version, started).
 */
const PRICES_IN_FORCE = preparedSql(
  'modelhub_prices_in_force',
  ['json', 'text', 'timestamptz'],
  (calls, organizationId, monthStart) => `
  WITH c AS (
    SELECT * FROM json_to_recordset(${calls}) AS c(n int, version text, started timestamptz)
  ), priced AS (
    SELECT c.n, p.* FROM c
    LEFT JOIN LATERAL (
      SELECT * FROM "Price" p
      WHERE p."modelVersionId" = c.version AND p."effectiveFrom" <= c.started
        AND (p."effectiveTo" IS NULL OR p."effectiveTo" > c.started)
      ORDER BY p."effectiveFrom" DESC
      LIMIT 1
    ) p ON true
  ), used AS (
    SELECT d.id, (SELECT sum(u.quantity)::bigint FROM "UsageEvent" u
                  WHERE u."organizationId" = ${organizationId} AND u."priceId" = d.id
                    AND u."createdAt" >= ${monthStart}) AS quantity
    FROM (SELECT DISTINCT id FROM priced WHERE "amountMicros" > 0 AND "freeAllowance" > 0) d
  )
  SELECT priced.id, priced.unit::text AS unit, priced."amountMicros"::text AS "amountMicros",
         priced."freeAllowance", priced.currency,
         CASE WHEN used.id IS NULL THEN NULL ELSE coalesce(used.quantity, 0)::text END
           AS "allowanceUsed"
  FROM priced LEFT JOIN used ON used.id = priced.id
  ORDER BY priced.n`,
);

const SPEND_SNAPSHOTS = preparedSql(
  'modelhub_spend_snapshots',
  ['text', 'json', 'timestamptz'],
  spendSnapshotsSql,
);

type PriceInForceRow =
  | {
      id: string;
      unit: PriceUnit;
      amountMicros: string;
      freeAllowance: number;
      currency: string;
      /** null for a price without a free allowance (not summed) */
      allowanceUsed: string | null;
    }
  | { id: null };

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
