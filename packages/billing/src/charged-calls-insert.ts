// The rows of a charge group (prediction, usage event, ledger debit per call) written in one SQL
// statement: three data-modifying CTEs over unnest()ed column arrays. One round trip and one
// statement to plan instead of three createMany calls, which mattered on the hot path: these
// inserts run once per group of synchronous calls, under the organization's billing lock.
// Foreign keys between the three are checked at the end of the statement, when all rows exist.
import type { SqlClient } from '@modelhub/db';
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

const INSERT_CHARGED_CALLS_SQL = `
  WITH predictions AS (
    INSERT INTO "Prediction" ("id", "organizationId", "modelVersionId", "apiKeyId", "userId",
      "runnerId", "status", "itemCount", "queueMs", "computeMs", "totalMs", "createdAt",
      "startedAt", "completedAt")
    SELECT c.id, $1::text, c.version, c.api_key, c.user_id, c.runner,
      'SUCCEEDED'::"PredictionStatus", c.items, c.queue_ms, c.compute_ms, c.total_ms,
      c.started, c.started, $2::timestamptz
    FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[],
      $9::int[], $10::int[], $11::int[], $12::timestamptz[])
      AS c(id, version, api_key, user_id, runner, items, queue_ms, compute_ms, total_ms, started)
  ), usage AS (
    INSERT INTO "UsageEvent" ("id", "organizationId", "publisherOrganizationId", "predictionId",
      "modelVersionId", "apiKeyId", "priceId", "unit", "quantity", "amountMicros", "currency",
      "createdAt")
    SELECT u.id, $1::text, u.publisher, u.prediction, u.version, u.api_key, u.price,
      u.unit::"PriceUnit", u.quantity, u.amount, u.currency, $2::timestamptz
    FROM unnest($13::text[], $14::text[], $3::text[], $4::text[], $5::text[], $15::text[],
      $16::text[], $17::bigint[], $18::bigint[], $19::text[])
      AS u(id, publisher, prediction, version, api_key, price, unit, quantity, amount, currency)
  )
  INSERT INTO "LedgerEntry" ("id", "organizationId", "kind", "amountMicros", "currency",
    "usageEventId", "description", "createdAt")
  SELECT l.id, $1::text, 'USAGE'::"LedgerEntryKind", -l.amount, l.currency,
    l.usage_event, 'prediction ' || l.prediction, $2::timestamptz
  FROM unnest($20::text[], $18::bigint[], $19::text[], $13::text[], $3::text[])
    AS l(id, amount, currency, usage_event, prediction)`;

export async function insertChargedCalls(
  client: SqlClient,
  organizationId: string,
  rows: readonly ChargedCall[],
  now: Date,
): Promise<void> {
  if (rows.length === 0) return;
  const column = <T>(pick: (row: ChargedCall) => T) => rows.map(pick);
  // BigInt and Date travel as text and are cast in SQL: exact, whatever the driver does with them
  await client.query(INSERT_CHARGED_CALLS_SQL, [
    organizationId, // $1
    now.toISOString(), // $2
    column((r) => r.predictionId), // $3
    column((r) => r.call.modelVersionId), // $4
    column((r) => r.call.apiKeyId), // $5
    column((r) => r.call.userId), // $6
    column((r) => r.call.runnerId), // $7
    column((r) => r.call.metered.items), // $8
    column((r) => Math.round(r.call.queueMs)), // $9
    column((r) => Math.round(r.call.metered.computeMs)), // $10
    column((r) => Math.round(r.call.totalMs)), // $11
    column((r) => r.call.startedAt.toISOString()), // $12
    column((r) => r.usageEventId), // $13
    column((r) => r.call.publisherOrganizationId), // $14
    column((r) => r.price?.id ?? null), // $15
    column((r) => r.charge.unit), // $16
    column((r) => r.charge.quantity.toString()), // $17
    column((r) => r.charge.amountMicros.toString()), // $18
    column((r) => r.currency), // $19
    column((r) => r.ledgerEntryId), // $20
  ]);
}
