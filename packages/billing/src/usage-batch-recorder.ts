// Group commit of charges: the successful synchronous calls of one organization that finished
// while its previous charge was committing are charged together, in one transaction, under one
// billing lock. The decisions are exactly those of recording them one after another (the price
// in force when each started, the free allowance spent first, the balance and spend limits
// checked before each debit), but the lock, the balance and spend reads and the inserts are paid
// once per group instead of once per call, which lifts the ceiling a single organization's
// serialized charges put on throughput.
//
// It runs raw SQL on a node-postgres client (`withTenantSql` of @modelhub/db) rather than on
// Prisma, whose CPU cost per query (about 1 ms) exceeded that of the queries themselves on this,
// the busiest transaction of the api.
//
// Not for calls with an idempotency key (a duplicate key would abort the whole group) or async
// predictions (which complete an existing row): those use recordSucceededPrediction.
import { randomUUID } from 'node:crypto';
import type { PriceUnit, SqlClient } from '@modelhub/db';
import { BillingError } from './billing-error.ts';
import { insertChargedCalls, type ChargedCall } from './charged-calls-insert.ts';
import { monthStart } from './calendar-month.ts';
import { calculateCharge, type Charge } from './price-calculator.ts';
import { readSpendSnapshot, type SpendSnapshot } from './spend-guard.ts';
import type { PriceRow, RecordedUsage, SucceededPrediction } from './usage-recorder.ts';

const FREE: Charge = { unit: 'PER_CALL', quantity: 1n, chargedQuantity: 0n, amountMicros: 0n };

/** What the group recorded for each call, in order: its usage, or why it was refused. */
export type BatchOutcome = RecordedUsage | BillingError;

/**
 * Charges `calls` in the caller's transaction, which must already hold the organization's
 * billing lock: `withTenantSql(pool, organizationId, fn, { billingLock: true })`, whose first
 * statement takes it before any read here.
 */
export async function recordSucceededPredictionBatch(
  client: SqlClient,
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
  const prices = await pricesInForce(client, calls);
  // Read under the lock: the allowance used per price, and the balance and spend per key.
  const used = await allowancesUsed(client, organizationId, prices, now);
  const snapshots = new Map<string | null, SpendSnapshot>();
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
        let snapshot = snapshots.get(call.apiKeyId);
        if (!snapshot) {
          snapshot = await readSpendSnapshot(client, organizationId, call.apiKeyId, now);
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
  await insertChargedCalls(client, organizationId, rows, now);
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
  client: SqlClient,
  calls: readonly SucceededPrediction[],
): Promise<(PriceRow | null)[]> {
  const { rows } = await client.query(PRICES_IN_FORCE_SQL, [
    calls.map((c) => c.modelVersionId),
    calls.map((c) => c.startedAt.toISOString()),
  ]);
  return (rows as PriceInForceRow[]).map((row, i) =>
    row.id === null
      ? calls[i]!.price
      : {
          id: row.id,
          unit: row.unit,
          amountMicros: BigInt(row.amountMicros),
          freeAllowance: row.freeAllowance,
          currency: row.currency,
        },
  );
}

// One row per call, in order: priceInForce's choice at the call's start, or nulls.
const PRICES_IN_FORCE_SQL = `
  SELECT p.id, p.unit::text AS unit, p."amountMicros"::text AS "amountMicros",
         p."freeAllowance", p.currency
  FROM unnest($1::text[], $2::timestamptz[]) WITH ORDINALITY AS c(version, started, n)
  LEFT JOIN LATERAL (
    SELECT * FROM "Price" p
    WHERE p."modelVersionId" = c.version AND p."effectiveFrom" <= c.started
      AND (p."effectiveTo" IS NULL OR p."effectiveTo" > c.started)
    ORDER BY p."effectiveFrom" DESC
    LIMIT 1
  ) p ON true
  ORDER BY c.n`;

type PriceInForceRow =
  | { id: string; unit: PriceUnit; amountMicros: string; freeAllowance: number; currency: string }
  | { id: null };

/**
 * This month's quantity of each paid price with a free allowance, in one query. A price without
 * one is left out: what was used of it cannot change a charge, and the sum reads every usage
 * event of the organization this month.
 */
async function allowancesUsed(
  client: SqlClient,
  organizationId: string,
  prices: readonly (PriceRow | null)[],
  now: Date,
): Promise<Map<string, bigint>> {
  const ids = new Set<string>();
  for (const price of prices) {
    if (price && price.amountMicros > 0n && price.freeAllowance > 0) ids.add(price.id);
  }
  const used = new Map<string, bigint>();
  if (ids.size === 0) return used;
  const { rows } = await client.query(
    `SELECT "priceId", sum(quantity)::bigint::text AS used FROM "UsageEvent"
     WHERE "organizationId" = $1::text AND "priceId" = ANY($2::text[])
       AND "createdAt" >= $3::timestamptz
     GROUP BY "priceId"`,
    [organizationId, [...ids], monthStart(now).toISOString()],
  );
  for (const row of rows as { priceId: string; used: string }[]) {
    used.set(row.priceId, BigInt(row.used));
  }
  return used;
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
