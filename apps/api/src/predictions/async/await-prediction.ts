// The optional wait of createPrediction: hold the request until the prediction finishes or the
// wait is over, whichever is first, then answer with the prediction as it is.
import { tenantReadClient, type Db } from '@modelhub/db';
import { findPredictionRecord, isTerminal, type PredictionRecord } from './prediction-record.ts';

/** The longest wait a caller may ask for. */
export const MAX_WAIT_SECONDS = 60;

export async function awaitPrediction(
  db: Db,
  organizationId: string,
  predictionId: string,
  waitMs: number,
): Promise<PredictionRecord | null> {
  const reader = tenantReadClient(db, organizationId);
  const deadline = Date.now() + waitMs;
  let pause = 25;
  for (;;) {
    const record = await findPredictionRecord(reader, organizationId, predictionId);
    if (!record || isTerminal(record.status) || Date.now() >= deadline) return record;
    await new Promise((resolve) => setTimeout(resolve, Math.min(pause, deadline - Date.now())));
    pause = Math.min(pause * 2, 250);
  }
}
