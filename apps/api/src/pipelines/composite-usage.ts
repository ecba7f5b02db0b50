// Billing of a composite (pipeline) call, the same rules as run-prediction.ts applies to one
// model: credit checked before any stage runs, one prediction with one usage event and one ledger
// debit at the composite's price, committed together after the pipeline succeeded, and a retry
// with the same idempotency key answered from the first call without a second charge.
import type { Prisma } from '@modelhub/db';
import type { ResolvedModelVersion } from '@modelhub/registry';
import type { Principal } from '../auth/principal.ts';
import {
  assertCredit,
  findIdempotentPrediction,
  recordSyncCall,
  type PredictionDeps,
} from '../predictions/run-prediction.ts';

type Caller = Principal & { organizationId: string };

export interface CompositeCharge {
  predictionId: string;
  costMicros: bigint;
  currency: string;
}

export interface CompositeUsage {
  runnerId: string | null;
  /** the answer, kept only when the caller may replay it */
  output: Prisma.InputJsonValue;
  computeMs: number;
  queueMs: number;
  totalMs: number;
  startedAt: Date;
}

/** PAYMENT_REQUIRED when a prepaid organization cannot pay for one call. */
export function assertCompositeCredit(
  deps: PredictionDeps,
  organizationId: string,
  version: ResolvedModelVersion,
): Promise<void> {
  return assertCredit(deps, organizationId, version.prices[0] ?? null, 1);
}

/**
 * Records the call; with an idempotency key that a concurrent call committed first, answers null
 * so the caller replays that one.
 */
export async function recordCompositePrediction(
  { charges }: PredictionDeps,
  principal: Caller,
  version: ResolvedModelVersion,
  idempotencyKey: string | null,
  usage: CompositeUsage,
): Promise<CompositeCharge | null> {
  const recorded = await recordSyncCall(charges, principal, {
    version,
    runnerId: usage.runnerId,
    idempotencyKey,
    output: usage.output,
    // One image is one item; compute is the stages' summed runner time.
    items: 1,
    computeMs: usage.computeMs,
    queueMs: usage.queueMs,
    totalMs: usage.totalMs,
    startedAt: usage.startedAt,
    price: version.prices[0] ?? null,
  });
  return (
    recorded && {
      predictionId: recorded.predictionId,
      costMicros: recorded.charge.amountMicros,
      currency: recorded.currency,
    }
  );
}

export interface ReplayedComposite extends CompositeCharge {
  output: unknown;
  computeMs: number;
  queueMs: number;
  totalMs: number;
}

/** The earlier call with this idempotency key, or null; BAD_USER_INPUT if it ran another model. */
export async function replayCompositePrediction(
  { db }: PredictionDeps,
  organizationId: string,
  idempotencyKey: string,
  version: ResolvedModelVersion,
): Promise<ReplayedComposite | null> {
  const previous = await findIdempotentPrediction(db, organizationId, idempotencyKey, version);
  if (!previous) return null;
  return {
    predictionId: previous.id,
    output: previous.output,
    costMicros: previous.usageEvent?.amountMicros ?? 0n,
    currency: previous.usageEvent?.currency ?? 'usd',
    computeMs: previous.computeMs ?? 0,
    queueMs: previous.queueMs ?? 0,
    totalMs: previous.totalMs ?? 0,
  };
}
