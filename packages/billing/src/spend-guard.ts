// Exact charging under concurrency. Every charge of an organization takes the same transaction-
// scoped advisory lock first, so the balance and this month's spend it reads cannot change until
// its own debit commits: N concurrent calls against a balance worth M calls charge exactly M.
// READ COMMITTED gives each statement after the lock a fresh snapshot, which includes everything
// the previous holder committed.
import {
  billingLockSql,
  sqlClientOf,
  type BillingMode,
  type SqlClient,
  type Tx,
} from '@modelhub/db';
import { BillingError } from './billing-error.ts';
import { monthStart } from './calendar-month.ts';

/** Serializes the billing decisions of one organization until the transaction ends. */
export async function lockOrganizationBilling(tx: Tx, organizationId: string): Promise<void> {
  // Wrapped: Prisma cannot decode the lock function's void result.
  await sqlClientOf(tx).query(`SELECT 1 FROM (SELECT ${billingLockSql('$1')}) AS locked`, [
    organizationId,
  ]);
}

export interface SpendSnapshot {
  billingMode: BillingMode;
  balanceMicros: bigint;
  organizationLimitMicros: bigint | null;
  /** this month's usage of the organization; 0 when it has no limit (not summed) */
  organizationSpentMicros: bigint;
  apiKeyLimitMicros: bigint | null;
  /** this month's usage of the key; 0 when it has no limit (not summed) */
  apiKeySpentMicros: bigint;
}

/**
 * The spend snapshot of an organization for each of some API keys (a json array of ids, null for
 * calls made without a key): one row per key, its id as "apiKeyId". The arguments are SQL
 * expressions: placeholders for a parameterized query, or literals for a statement sent without
 * parameters. Amounts come back as text: exact, and the same from node-postgres (the grouped
 * charges) and Prisma.
 */
export function spendSnapshotsSql(organizationId: string, apiKeyIds: string, monthStart: string) {
  return `
  SELECT requested.id AS "apiKeyId",
         o."billingMode"::text AS "billingMode",
         o."balanceMicros"::text AS "balanceMicros",
         o."monthlySpendLimitMicros"::text AS "organizationLimitMicros",
         CASE WHEN o."monthlySpendLimitMicros" IS NULL THEN '0' ELSE
           (SELECT coalesce(sum(u."amountMicros"), 0)::bigint::text FROM "UsageEvent" u
             WHERE u."organizationId" = o.id AND u."createdAt" >= ${monthStart}::timestamptz) END
           AS "organizationSpentMicros",
         k."monthlySpendLimitMicros"::text AS "apiKeyLimitMicros",
         CASE WHEN k."monthlySpendLimitMicros" IS NULL THEN '0' ELSE
           (SELECT coalesce(sum(u."amountMicros"), 0)::bigint::text FROM "UsageEvent" u
             WHERE u."organizationId" = o.id AND u."apiKeyId" = k.id
               AND u."createdAt" >= ${monthStart}::timestamptz) END
           AS "apiKeySpentMicros"
  FROM "Organization" o
  CROSS JOIN json_array_elements_text(${apiKeyIds}) AS requested(id)
  LEFT JOIN "ApiKey" k ON k.id = requested.id AND k."organizationId" = o.id
  WHERE o.id = ${organizationId}::text`;
}

export interface SnapshotRow {
  apiKeyId: string | null;
  billingMode: BillingMode;
  balanceMicros: string;
  organizationLimitMicros: string | null;
  organizationSpentMicros: string;
  apiKeyLimitMicros: string | null;
  apiKeySpentMicros: string;
}

const optionalBigInt = (text: string | null) => (text === null ? null : BigInt(text));

export function toSpendSnapshot(row: SnapshotRow): SpendSnapshot {
  return {
    billingMode: row.billingMode,
    balanceMicros: BigInt(row.balanceMicros),
    organizationLimitMicros: optionalBigInt(row.organizationLimitMicros),
    organizationSpentMicros: BigInt(row.organizationSpentMicros),
    apiKeyLimitMicros: optionalBigInt(row.apiKeyLimitMicros),
    apiKeySpentMicros: BigInt(row.apiKeySpentMicros),
  };
}

/** One round trip: the balance, and the month's spend only where a limit makes it matter. */
export async function readSpendSnapshot(
  client: SqlClient,
  organizationId: string,
  apiKeyId: string | null,
  now: Date,
): Promise<SpendSnapshot> {
  const { rows } = await client.query(spendSnapshotsSql('$1', '$2::json', '$3'), [
    organizationId,
    JSON.stringify([apiKeyId]),
    monthStart(now).toISOString(),
  ]);
  const row = rows[0] as SnapshotRow | undefined;
  if (!row) throw new BillingError('NOT_FOUND', `organization '${organizationId}' not found`);
  return toSpendSnapshot(row);
}

export interface ChargeRequest {
  organizationId: string;
  apiKeyId: string | null;
  chargeMicros: bigint;
  now: Date;
}

/**
 * Throws PAYMENT_REQUIRED when a prepaid organization's balance does not cover the charge, and
 * SPEND_LIMIT_EXCEEDED when the charge would take the organization's or the key's spend this
 * month over its limit. Call it holding `lockOrganizationBilling`, in the transaction that
 * writes the debit.
 */
export async function assertCanAfford(tx: Tx, request: ChargeRequest): Promise<SpendSnapshot> {
  const snapshot = await readSpendSnapshot(
    sqlClientOf(tx),
    request.organizationId,
    request.apiKeyId,
    request.now,
  );
  const charge = request.chargeMicros;
  if (charge <= 0n) return snapshot;
  if (snapshot.billingMode === 'PREPAID' && snapshot.balanceMicros < charge) {
    throw new BillingError(
      'PAYMENT_REQUIRED',
      'the organization has no credit left for this call; top up to continue',
      { balanceMicros: String(snapshot.balanceMicros), chargeMicros: String(charge) },
    );
  }
  const limits = [
    ['organization', snapshot.organizationLimitMicros, snapshot.organizationSpentMicros],
    ['apiKey', snapshot.apiKeyLimitMicros, snapshot.apiKeySpentMicros],
  ] as const;
  for (const [scope, limit, spent] of limits) {
    if (limit !== null && spent + charge > limit) {
      throw new BillingError(
        'SPEND_LIMIT_EXCEEDED',
        scope === 'organization'
          ? "this call would exceed the organization's monthly spend limit"
          : "this call would exceed the API key's monthly spend limit",
        {
          scope,
          limitMicros: String(limit),
          spentMicros: String(spent),
          chargeMicros: String(charge),
        },
      );
    }
  }
  return snapshot;
}
