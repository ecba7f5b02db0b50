// One synchronous prediction, the product's core operation:
// resolve the model -> check access -> validate inputs -> check credit -> route to a runner ->
// record prediction, usage event and ledger debit in one transaction -> return.
// Any failure before the commit records no usage, so nothing is charged.
import { Prisma, withTenant, type Db } from '@modelhub/db';
import { balanceOf, calculateCharge, recordSucceededPrediction } from '@modelhub/billing';
import {
  runnerModelName,
  validateInferInputs,
  type InferInputTensor,
  type InferOutputTensor,
} from '@modelhub/inference';
import type { ResolvedModelVersion } from '@modelhub/registry';
import { AppError, toAppError } from '../app-error.ts';
import type { Principal } from '../auth/principal.ts';
import type { RunnerRouter } from '../routing/runner-router.ts';
import { PerKeyQueue } from './per-key-queue.ts';
import type { PredictionLookups } from './prediction-lookups.ts';

const RECORDING_TRANSACTION = { timeout: 60_000, maxWait: 60_000 };
const recordingQueue = new PerKeyQueue();

export interface RunPredictionInput {
  modelRef: string;
  inputs: InferInputTensor[];
  outputs?: string[] | null;
  idempotencyKey?: string | null;
}

export interface PredictionResult {
  predictionId: string;
  version: ResolvedModelVersion;
  outputs: InferOutputTensor[];
  costMicros: bigint;
  currency: string;
  queueMs: number;
  computeMs: number;
  totalMs: number;
  /** true when an earlier call with the same idempotency key answered */
  replayed: boolean;
}

export interface PredictionDeps {
  db: Db;
  router: RunnerRouter;
  lookups: PredictionLookups;
}

export async function runPrediction(
  deps: PredictionDeps,
  principal: Principal & { organizationId: string },
  input: RunPredictionInput,
): Promise<PredictionResult> {
  const startedAt = new Date();
  const started = performance.now();
  const { db, router, lookups } = deps;
  const version = await lookups.visibleVersion(input.modelRef, principal.organizationId);
  if ((version.runtimeConfig as { pipeline?: unknown } | null)?.pipeline) {
    // A composite's artifact is its pipeline manifest, not a graph a runner could load.
    throw new AppError(
      'BAD_USER_INPUT',
      `'${input.modelRef}' is a pipeline: call it with recognizeText or POST .../image`,
      { reason: 'PIPELINE_MODEL' },
    );
  }
  const signature = { inputs: version.inputs, outputs: version.outputs } as unknown as Parameters<
    typeof validateInferInputs
  >[1];
  const request = {
    inputs: input.inputs,
    ...(input.outputs?.length ? { outputs: input.outputs.map((name) => ({ name })) } : {}),
  };
  let inputs: InferInputTensor[];
  try {
    // The same input policy the runner applies, so a refusal costs no runner round trip.
    const finite = (version.runtimeConfig as { requireFiniteInputs?: boolean } | null)
      ?.requireFiniteInputs;
    inputs = validateInferInputs(request, signature, undefined, {
      nonFinite: finite === false ? 'allow' : 'reject',
    });
  } catch (error) {
    throw toAppError(error);
  }

  if (input.idempotencyKey) {
    const replay = await replayIdempotent(
      db,
      principal.organizationId,
      input.idempotencyKey,
      version,
    );
    if (replay) return replay;
  }

  const price = version.prices[0] ?? null;
  const items = batchSize(inputs, signature.inputs);
  await assertCredit(deps, principal.organizationId, price, items);

  let routed;
  try {
    routed = await router.infer(
      version.id,
      runnerModelName(version.model.organization.slug, version.model.slug),
      version.version,
      {
        ...request,
        inputs,
      },
    );
  } catch (error) {
    throw toAppError(error);
  }
  const timings = (routed.response.parameters ?? {}) as { queue_ms?: number; compute_ms?: number };
  const computeMs = timings.compute_ms ?? 0;
  const queueMs = timings.queue_ms ?? 0;
  const outputs = routed.response.outputs;
  const totalMs = performance.now() - started;

  let recorded;
  try {
    recorded = await recordingQueue.run(principal.organizationId, () =>
      withTenant(
        db,
        principal.organizationId,
        (tx) =>
          recordSucceededPrediction(tx, {
            organizationId: principal.organizationId,
            publisherOrganizationId: version.model.organizationId,
            modelVersionId: version.id,
            apiKeyId: principal.kind === 'apiKey' ? principal.apiKeyId : null,
            userId: principal.kind === 'user' ? principal.userId : null,
            runnerId: routed.runnerId,
            idempotencyKey: input.idempotencyKey ?? null,
            // Kept only when the caller may replay the call.
            output: input.idempotencyKey ? (outputs as unknown as Prisma.InputJsonValue) : null,
            metered: { items, computeMs },
            queueMs,
            totalMs,
            startedAt,
            price,
          }),
        // Charges of one organization are serialized (the balance check and debit are atomic),
        // so under a burst a recording may wait its turn: the model has already run, and failing
        // it now would waste that work.
        RECORDING_TRANSACTION,
      ),
    );
  } catch (error) {
    // A concurrent call with the same idempotency key committed first: answer with its result.
    if (
      input.idempotencyKey &&
      error instanceof Prisma.PrismaClientKnownRequestError &&
      error.code === 'P2002'
    ) {
      const replay = await replayIdempotent(
        db,
        principal.organizationId,
        input.idempotencyKey,
        version,
      );
      if (replay) return replay;
    }
    throw error;
  }
  return {
    predictionId: recorded.predictionId,
    version,
    outputs,
    costMicros: recorded.charge.amountMicros,
    currency: recorded.currency,
    queueMs,
    computeMs,
    totalMs,
    replayed: false,
  };
}

/** Batch elements in the call: the first dimension when the model's first dim is dynamic. */
function batchSize(inputs: InferInputTensor[], specs: { name: string; shape: number[] }[]): number {
  const first = inputs[0];
  const spec = specs.find((s) => s.name === first?.name);
  return first && spec && spec.shape[0] === -1 ? (first.shape[0] ?? 1) : 1;
}

/** A cheap early PAYMENT_REQUIRED (no runner work) when a prepaid organization cannot pay for
 * the call; the exact check is made again, atomically, when the call is charged. */
export async function assertCredit(
  { db, lookups }: PredictionDeps,
  organizationId: string,
  price: ResolvedModelVersion['prices'][number] | null,
  items: number,
) {
  if (!price || price.amountMicros === 0n) return;
  if ((await lookups.billingMode(organizationId)) !== 'PREPAID') return;
  const estimate = calculateCharge(price, { items, computeMs: 1 }).amountMicros;
  const balance = await withTenant(db, organizationId, (tx) => balanceOf(tx, organizationId));
  if (balance <= 0n || balance < estimate) {
    throw new AppError(
      'PAYMENT_REQUIRED',
      'the organization has no credit left for this call; top up to continue',
      {
        balanceMicros: balance.toString(),
      },
    );
  }
}

/** The earlier prediction with this idempotency key, or null; BAD_USER_INPUT if it ran another
 * model (a key names one call). */
export async function findIdempotentPrediction(
  db: Db,
  organizationId: string,
  idempotencyKey: string,
  version: ResolvedModelVersion,
) {
  const previous = await withTenant(db, organizationId, (tx) =>
    tx.prediction.findUnique({
      where: { organizationId_idempotencyKey: { organizationId, idempotencyKey } },
      include: { usageEvent: true },
    }),
  );
  if (previous && previous.modelVersionId !== version.id) {
    throw new AppError('BAD_USER_INPUT', 'this idempotency key was already used for another model');
  }
  return previous;
}

async function replayIdempotent(
  db: Db,
  organizationId: string,
  idempotencyKey: string,
  version: ResolvedModelVersion,
): Promise<PredictionResult | null> {
  const previous = await findIdempotentPrediction(db, organizationId, idempotencyKey, version);
  if (!previous) return null;
  return {
    predictionId: previous.id,
    version,
    outputs: (previous.output ?? []) as unknown as InferOutputTensor[],
    costMicros: previous.usageEvent?.amountMicros ?? 0n,
    currency: previous.usageEvent?.currency ?? 'usd',
    queueMs: previous.queueMs ?? 0,
    computeMs: previous.computeMs ?? 0,
    totalMs: previous.totalMs ?? 0,
    replayed: true,
  };
}
