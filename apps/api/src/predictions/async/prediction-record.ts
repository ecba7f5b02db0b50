// A stored prediction as the API shows it (GraphQL `Prediction`, webhook payloads): the row, its
// charge, and the `publisher/model@version` that ran, read as the calling organization.
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { Prediction, Tx, UsageEvent } from '@modelhub/db';
import type { InferOutputTensor } from '@modelhub/inference';

export type PredictionRecord = Prediction & {
  usageEvent: UsageEvent | null;
  /** `publisher/model@version`; null when the model is no longer visible to the caller */
  modelRef: string | null;
};

export const TERMINAL_STATUSES = ['SUCCEEDED', 'FAILED', 'CANCELED'] as const;

export function isTerminal(status: Prediction['status']): boolean {
  return (TERMINAL_STATUSES as readonly string[]).includes(status);
}

export async function findPredictionRecord(
  tx: Pick<Tx, 'prediction' | 'modelVersion'>,
  organizationId: string,
  id: string,
): Promise<PredictionRecord | null> {
  const prediction = await tx.prediction.findFirst({
    where: { id, organizationId },
    include: { usageEvent: true },
  });
  return prediction ? (await withModelRefs(tx, [prediction]))[0]! : null;
}

/** Prediction rows (with their usage events) as records: adds each `publisher/model@version`,
 * all read in one query. */
export async function withModelRefs(
  tx: Pick<Tx, 'modelVersion'>,
  predictions: readonly (Prediction & { usageEvent: UsageEvent | null })[],
): Promise<PredictionRecord[]> {
  const versions = await tx.modelVersion.findMany({
    where: { id: { in: [...new Set(predictions.map((p) => p.modelVersionId))] } },
    select: {
      id: true,
      version: true,
      model: { select: { slug: true, organization: { select: { slug: true } } } },
    },
  });
  const refs = new Map(
    versions.map((v) => [v.id, `${v.model.organization.slug}/${v.model.slug}@${v.version}`]),
  );
  return predictions.map((p) => ({ ...p, modelRef: refs.get(p.modelVersionId) ?? null }));
}

export interface PredictionError {
  code: string;
  message: string;
}

/** The JSON a webhook carries about a prediction: the fields of the GraphQL type, by name. */
export function predictionPayload(record: PredictionRecord) {
  return {
    id: encodeGlobalID('Prediction', record.id),
    status: record.status,
    model: record.modelRef,
    createdAt: record.createdAt.toISOString(),
    startedAt: record.startedAt?.toISOString() ?? null,
    completedAt: record.completedAt?.toISOString() ?? null,
    outputs: (record.output ?? null) as InferOutputTensor[] | null,
    error: (record.error ?? null) as PredictionError | null,
    costMicros: record.usageEvent?.amountMicros.toString() ?? null,
    currency: record.usageEvent?.currency ?? null,
  };
}
