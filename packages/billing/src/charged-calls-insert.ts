// The rows of a charge group (prediction, usage event, ledger debit per call) written in one SQL
// statement: three data-modifying CTEs over one json recordset of the calls. One statement to
// send and plan instead of three createMany calls, which mattered on the hot path: these inserts
// run once per group of synchronous calls, under the organization's billing lock. The statement
// is prepared once per connection (`preparedSql`) and executed with literal arguments, so it can
// travel in one message with the transaction's COMMIT (`SqlTransaction.writeAtCommit`). Foreign
// keys between the three are checked at the end of the statement, when all rows exist.
import { executeSql, preparedSql, sqlJson, sqlLiteral, type PreparedUse } from '@modelhub/db';
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

/** The statement that inserts `rows`; null when there is nothing to insert. */
export function insertChargedCallsSql(
  organizationId: string,
  rows: readonly ChargedCall[],
  now: Date,
): PreparedUse | null {
  if (rows.length === 0) return null;
  // BigInt and Date travel as text and are cast in SQL: exact, whatever the driver does with them
  const calls = sqlJson(
    rows.map((r) => ({
      prediction: r.predictionId,
      usage_event: r.usageEventId,
      ledger_entry: r.ledgerEntryId,
      version: r.call.modelVersionId,
      api_key: r.call.apiKeyId,
      user_id: r.call.userId,
      runner: r.call.runnerId,
      items: r.call.metered.items,
      queue_ms: Math.round(r.call.queueMs),
      compute_ms: Math.round(r.call.metered.computeMs),
      total_ms: Math.round(r.call.totalMs),
      started: r.call.startedAt.toISOString(),
      publisher: r.call.publisherOrganizationId,
      price: r.price?.id ?? null,
      unit: r.charge.unit,
      quantity: r.charge.quantity.toString(),
      amount: r.charge.amountMicros.toString(),
      currency: r.currency,
    })),
  );
  return executeSql(INSERT_CHARGED_CALLS, [
    sqlLiteral(organizationId),
    calls,
    sqlLiteral(now.toISOString()),
  ]);
}

const INSERT_CHARGED_CALLS = preparedSql(
  'modelhub_insert_charged_calls',
  ['text', 'json', 'timestamptz'],
  (organization, calls, at) => `
  WITH c AS (
    SELECT * FROM json_to_recordset(${calls}) AS c(prediction text, usage_event text,
      ledger_entry text, version text, api_key text, user_id text, runner text, items int,
      queue_ms int, compute_ms int, total_ms int, started timestamptz, publisher text,
      price text, unit text, quantity bigint, amount bigint, currency text)
  ), predictions AS (
    INSERT INTO "Prediction" ("id", "organizationId", "modelVersionId", "apiKeyId", "userId",
      "runnerId", "status", "itemCount", "queueMs", "computeMs", "totalMs", "createdAt",
      "startedAt", "completedAt")
    SELECT c.prediction, ${organization}, c.version, c.api_key, c.user_id, c.runner,
      'SUCCEEDED'::"PredictionStatus", c.items, c.queue_ms, c.compute_ms, c.total_ms,
      c.started, c.started, ${at}
    FROM c
  ), usage AS (
    INSERT INTO "UsageEvent" ("id", "organizationId", "publisherOrganizationId", "predictionId",
      "modelVersionId", "apiKeyId", "priceId", "unit", "quantity", "amountMicros", "currency",
      "createdAt")
    SELECT c.usage_event, ${organization}, c.publisher, c.prediction, c.version, c.api_key,
      c.price, c.unit::"PriceUnit", c.quantity, c.amount, c.currency, ${at}
    FROM c
  )
  INSERT INTO "LedgerEntry" ("id", "organizationId", "kind", "amountMicros", "currency",
    "usageEventId", "description", "createdAt")
  SELECT c.ledger_entry, ${organization}, 'USAGE'::"LedgerEntryKind", -c.amount, c.currency,
    c.usage_event, 'prediction ' || c.prediction, ${at}
  FROM c`,
);
