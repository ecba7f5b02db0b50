// What every synchronous call answers besides its outputs: the prediction it recorded, the
// version that ran, what it cost and where the time went. The results of `predict`,
// `predictImage` and `recognizeText` implement it.
import type { ResolvedModelVersion } from '@modelhub/registry';
import { versionName } from '../../pipelines/version-runtime-config.ts';
import { builder } from '../builder.ts';
import { ModelVersionRef } from './model-version.ts';

/** A finished call as its result types hold it. */
export interface CallRecord {
  predictionId: string;
  version: ResolvedModelVersion;
  costMicros: bigint;
  currency: string;
  replayed: boolean;
  queueMs: number;
  computeMs: number;
  totalMs: number;
}

const PredictionTimingsRef = builder
  .objectRef<Pick<CallRecord, 'queueMs' | 'computeMs' | 'totalMs'>>('PredictionTimings')
  .implement({
    description:
      'Where the time of a prediction went, in milliseconds; for a pipeline, queue and compute are summed over its stage calls.',
    fields: (t) => ({
      queueMs: t.exposeFloat('queueMs', {
        description: 'Time waiting on the runner before compute.',
      }),
      computeMs: t.exposeFloat('computeMs', { description: 'Model execution time on the runner.' }),
      totalMs: t.exposeFloat('totalMs', { description: 'Time in the api, end to end.' }),
    }),
  });

export const CallResultRef = builder.interfaceRef<CallRecord>('CallResult').implement({
  description:
    'What every synchronous call answers besides its outputs: the recorded prediction, the version that ran, what it cost and where the time went.',
  fields: (t) => ({
    id: t.id({ description: 'The recorded prediction.', resolve: (r) => r.predictionId }),
    model: t.string({
      description: '`publisher/model@version` that ran.',
      resolve: (r) => versionName(r.version),
    }),
    modelVersion: t.field({
      type: ModelVersionRef,
      description: 'The version that ran.',
      resolve: (r) => r.version,
    }),
    costMicros: t.field({
      type: 'BigInt',
      description:
        'Charged for this call, in micro-units of `currency`; a pipeline is charged once, whatever its stages.',
      resolve: (r) => r.costMicros,
    }),
    currency: t.exposeString('currency', {
      description: 'ISO 4217 currency code of the charge, lower case, e.g. usd.',
    }),
    replayed: t.exposeBoolean('replayed', {
      description:
        'True when an earlier call with the same idempotency key answered (and was charged).',
    }),
    timings: t.field({
      type: PredictionTimingsRef,
      description: 'Where the time went.',
      resolve: (r) => r,
    }),
  }),
});
