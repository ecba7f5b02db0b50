// One synchronous prediction, the product's core operation:
// resolve the model -> check access -> validate inputs -> check credit -> route to a runner ->
// record prediction, usage event and ledger debit in one transaction -> return.
// Any failure before the commit records no usage, so nothing is charged.
import { Prisma, withTenant, type Db } from '@modelhub/db';
import {
  calculateCharge,
  recordSucceededPrediction,
  type RecordedUsage,
  type SucceededPrediction,
} from '@modelhub/billing';
import {
  runnerModelName,
  validateInferInputs,
  type InferInputTensor,
  type InferOutputTensor,
  toJsonTensors,
  type TypedOutputTensor,
  type InferRequest,
} from '@modelhub/inference';
import type { ResolvedModelVersion } from '@modelhub/registry';
import { AppError, toAppError } from '../app-error.ts';
import type { Principal } from '../auth/principal.ts';
import type { RunnerRouter } from '../routing/runner-router.ts';
import type { ChargeQueue } from './charge-queue.ts';
import type { PredictionLookups } from './prediction-lookups.ts';

export interface RunPredictionInput {
  modelRef: string;
  inputs: InferInputTensor[];
  outputs?: string[] | null;
  idempotencyKey?: string | null;
}

export interface PredictionResult {
  predictionId: string;
  version: ResolvedModelVersion;
  /** numeric data may be typed arrays (fresh results) or arrays (replays) */
  outputs: TypedOutputTensor[];
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
  /** the organization's turn for charging */
  charges: ChargeQueue;
}

/** A call checked against the model and ready for a runner: what sync and async share. */
export interface PreparedCall {
  version: ResolvedModelVersion;
  request: InferRequest;
  /** batch elements, what per-item prices count */
  items: number;
  price: ResolvedModelVersion['prices'][number] | null;
}

/** What a runner answered for a call. */
export interface RunnerOutcome {
  runnerId: string;
  outputs: TypedOutputTensor[];
  queueMs: number;
  computeMs: number;
}

/** Resolves the model as the caller may see it and validates the inputs against its signature,
 * with the same input policy the runner applies, so a refusal costs no runner round trip. */
export async function prepareCall(
  lookups: PredictionLookups,
  organizationId: string,
  input: Pick<RunPredictionInput, 'modelRef' | 'inputs' | 'outputs'>,
): Promise<PreparedCall> {
  const version = await lookups.visibleVersion(input.modelRef, organizationId);
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
  const requested = {
    inputs: input.inputs,
    ...(input.outputs?.length ? { outputs: input.outputs.map((name) => ({ name })) } : {}),
  };
  let inputs: InferInputTensor[];
  try {
    const finite = (version.runtimeConfig as { requireFiniteInputs?: boolean } | null)
      ?.requireFiniteInputs;
    inputs = validateInferInputs(requested, signature, undefined, {
      nonFinite: finite === false ? 'allow' : 'reject',
    });
  } catch (error) {
    throw toAppError(error);
  }
  return {
    version,
    request: { ...requested, inputs },
    items: batchSize(inputs, signature.inputs),
    price: version.prices[0] ?? null,
  };
}

/**
 * Runs a prepared call on a runner that holds (or loads) the model; failures as AppErrors.
 * Numeric outputs stay typed arrays: they go to the answer as they are (binary or base64),
 * without a per-element copy; whoever stores them as JSON converts them (toJsonTensors).
 */
export async function callRunner(router: RunnerRouter, call: PreparedCall): Promise<RunnerOutcome> {
  const { version } = call;
  let routed;
  try {
    routed = await router.infer(
      version.id,
      runnerModelName(version.model.organization.slug, version.model.slug),
      version.version,
      call.request,
      { typedOutputs: true },
    );
  } catch (error) {
    throw toAppError(error);
  }
  const timings = (routed.response.parameters ?? {}) as { queue_ms?: number; compute_ms?: number };
  return {
    runnerId: routed.runnerId,
    outputs: routed.response.outputs,
    queueMs: timings.queue_ms ?? 0,
    computeMs: timings.compute_ms ?? 0,
  };
}

/** A finished synchronous call, as it is recorded and charged. */
export interface SyncCallRecord {
  version: ResolvedModelVersion;
  runnerId: string | null;
  idempotencyKey: string | null;
  /** the answer as JSON; given only when the call has an idempotency key (for its replays) */
  output: Prisma.InputJsonValue | null;
  items: number;
  computeMs: number;
  queueMs: number;
  totalMs: number;
  startedAt: Date;
  price: ResolvedModelVersion['prices'][number] | null;
}

/**
 * Records a finished synchronous call with its one usage event and ledger debit, in the
 * organization's charging turn. Null when a concurrent call with the same idempotency key
 * committed first: the caller answers with that one.
 */
export async function recordSyncCall(
  charges: ChargeQueue,
  principal: Principal & { organizationId: string },
  call: SyncCallRecord,
): Promise<RecordedUsage | null> {
  const succeeded: SucceededPrediction = {
    organizationId: principal.organizationId,
    publisherOrganizationId: call.version.model.organizationId,
    modelVersionId: call.version.id,
    apiKeyId: principal.kind === 'apiKey' ? principal.apiKeyId : null,
    userId: principal.kind === 'user' ? principal.userId : null,
    runnerId: call.runnerId,
    idempotencyKey: call.idempotencyKey,
    output: call.idempotencyKey ? call.output : null,
    metered: { items: call.items, computeMs: call.computeMs },
    queueMs: call.queueMs,
    totalMs: call.totalMs,
    startedAt: call.startedAt,
    price: call.price,
  };
  // Without a key, the call is charged together with the organization's others of the moment.
  if (!call.idempotencyKey) return charges.grouped(succeeded);
  try {
    return await charges.alone(principal.organizationId, (tx) =>
      recordSucceededPrediction(tx, succeeded),
    );
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      return null;
    }
    throw error;
  }
}

export async function runPrediction(
  deps: PredictionDeps,
  principal: Principal & { organizationId: string },
  input: RunPredictionInput,
): Promise<PredictionResult> {
  const startedAt = new Date();
  const started = performance.now();
  const { db, router, lookups } = deps;
  const call = await prepareCall(lookups, principal.organizationId, input);
  const { version } = call;

  if (input.idempotencyKey) {
    const replay = await replayIdempotent(
      db,
      principal.organizationId,
      input.idempotencyKey,
      version,
    );
    if (replay) return replay;
  }

  await assertCredit(deps, principal.organizationId, call.price, call.items);
  const outcome = await callRunner(router, call);
  const totalMs = performance.now() - started;

  const recorded = await recordSyncCall(deps.charges, principal, {
    version,
    runnerId: outcome.runnerId,
    idempotencyKey: input.idempotencyKey ?? null,
    // kept only for replays of an idempotency key
    output: input.idempotencyKey
      ? (toJsonTensors(outcome.outputs) as unknown as Prisma.InputJsonValue)
      : null,
    items: call.items,
    computeMs: outcome.computeMs,
    queueMs: outcome.queueMs,
    totalMs,
    startedAt,
    price: call.price,
  });
  if (!recorded) {
    // A concurrent call with the same idempotency key committed first: answer with its result.
    const replay = await replayIdempotent(
      db,
      principal.organizationId,
      input.idempotencyKey!,
      version,
    );
    if (replay) return replay;
    throw new AppError('CONFLICT', 'a concurrent call with this idempotency key is in progress');
  }
  return {
    predictionId: recorded.predictionId,
    version,
    outputs: outcome.outputs,
    costMicros: recorded.charge.amountMicros,
    currency: recorded.currency,
    queueMs: outcome.queueMs,
    computeMs: outcome.computeMs,
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

/** How many calls' worth of credit makes a recently read balance good enough to skip reading it
 * again: a balance that covers a hundred calls cannot run out within one cache period for most
 * callers, and if it does the charge, which reads the balance under the lock, still refuses it. */
const PLENTY_OF_CALLS = 100n;

/** A cheap early PAYMENT_REQUIRED (no runner work) when a prepaid organization cannot pay for
 * the call; the exact check is made again, atomically, when the call is charged. */
export async function assertCredit(
  { lookups }: Pick<PredictionDeps, 'lookups'>,
  organizationId: string,
  price: ResolvedModelVersion['prices'][number] | null,
  items: number,
) {
  if (!price || price.amountMicros === 0n) return;
  if ((await lookups.billingMode(organizationId)) !== 'PREPAID') return;
  const estimate = calculateCharge(price, { items, computeMs: 1 }).amountMicros;
  const recent = lookups.recentBalance(organizationId);
  if (recent !== undefined && recent >= estimate * PLENTY_OF_CALLS) return;
  const balance = await lookups.freshBalance(organizationId);
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
