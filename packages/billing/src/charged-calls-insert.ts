// The rows of a charge group (prediction, usage event, ledger debit per call) written in one SQL
// statement: three data-modifying CTEs over unnest()ed column arrays. One round trip and one
// statement to plan instead of three createMany calls, which mattered on the hot path: these
// inserts run once per group of synchronous calls, under the organization's billing lock.
// Foreign keys between the three are checked at the end of the statement, when all rows exist.
import type { Tx } from '@modelhub/db';
import type { Charge } from './price-calculator.ts';
import type { PriceRow, SucceededPrediction } from './usage-recorder.ts';

export interface ChargedCall {
  call: SucceededPrediction;
  price: PriceRow | null;
  charge: Charge;
  predictionId: string;
  usageEventId: string;
  ledgerEntryId: string;
  currency: string;
}

export async function insertChargedCalls(
  tx: Tx,
  organizationId: string,
  rows: readonly ChargedCall[],
  now: Date,
): Promise<void> {
  if (rows.length === 0) return;
  const column = <T>(pick: (row: ChargedCall) => T) => rows.map(pick);
  const predictionIds = column((r) => r.predictionId);
  const usageEventIds = column((r) => r.usageEventId);
  const versionIds = column((r) => r.call.modelVersionId);
  const apiKeyIds = column((r) => r.call.apiKeyId);
  const currencies = column((r) => r.currency);
  // BigInt and Date travel as text and are cast in SQL: exact, whatever the driver does with them
  const amounts = column((r) => r.charge.amountMicros.toString());
  const nowText = now.toISOString();

  await tx.$executeRaw`
    WITH predictions AS (
      INSERT INTO "Prediction" ("id", "organizationId", "modelVersionId", "apiKeyId", "userId",
        "runnerId", "status", "itemCount", "queueMs", "computeMs", "totalMs", "createdAt",
        "startedAt", "completedAt")
      SELECT c.id, ${organizationId}, c.version, c.api_key, c.user_id, c.runner,
        'SUCCEEDED'::"PredictionStatus", c.items, c.queue_ms, c.compute_ms, c.total_ms,
        c.started, c.started, ${nowText}::timestamptz
      FROM unnest(${predictionIds}::text[], ${versionIds}::text[], ${apiKeyIds}::text[],
        ${column((r) => r.call.userId)}::text[], ${column((r) => r.call.runnerId)}::text[],
        ${column((r) => r.call.metered.items)}::int[],
        ${column((r) => Math.round(r.call.queueMs))}::int[],
        ${column((r) => Math.round(r.call.metered.computeMs))}::int[],
        ${column((r) => Math.round(r.call.totalMs))}::int[],
        ${column((r) => r.call.startedAt.toISOString())}::timestamptz[])
        AS c(id, version, api_key, user_id, runner, items, queue_ms, compute_ms, total_ms, started)
    ), usage AS (
      INSERT INTO "UsageEvent" ("id", "organizationId", "publisherOrganizationId", "predictionId",
        "modelVersionId", "apiKeyId", "priceId", "unit", "quantity", "amountMicros", "currency",
        "createdAt")
      SELECT u.id, ${organizationId}, u.publisher, u.prediction, u.version, u.api_key, u.price,
        u.unit::"PriceUnit", u.quantity, u.amount, u.currency, ${nowText}::timestamptz
      FROM unnest(${usageEventIds}::text[],
        ${column((r) => r.call.publisherOrganizationId)}::text[], ${predictionIds}::text[],
        ${versionIds}::text[], ${apiKeyIds}::text[], ${column((r) => r.price?.id ?? null)}::text[],
        ${column((r) => r.charge.unit)}::text[],
        ${column((r) => r.charge.quantity.toString())}::bigint[], ${amounts}::bigint[],
        ${currencies}::text[])
        AS u(id, publisher, prediction, version, api_key, price, unit, quantity, amount, currency)
    )
    INSERT INTO "LedgerEntry" ("id", "organizationId", "kind", "amountMicros", "currency",
      "usageEventId", "description", "createdAt")
    SELECT l.id, ${organizationId}, 'USAGE'::"LedgerEntryKind", -l.amount, l.currency,
      l.usage_event, 'prediction ' || l.prediction, ${nowText}::timestamptz
    FROM unnest(${column((r) => r.ledgerEntryId)}::text[], ${amounts}::bigint[],
      ${currencies}::text[], ${usageEventIds}::text[], ${predictionIds}::text[])
      AS l(id, amount, currency, usage_event, prediction)`;
}
