// The stages of a composite version, and how the pipeline calls them: each stage is a model
// version of the composite's publisher, run on the runners through the router like any
// prediction, but without usage of its own (the composite's one usage event covers the call).
import type { ModelCall, OcrModel } from '@modelhub/models';
import { runnerModelName, type OcrPipelineConfig } from '@modelhub/inference';
import { pipelineStageRefs } from '@modelhub/registry';
import type { ResolvedModelVersion } from '@modelhub/registry';
import { AppError } from '../app-error.ts';
import type { PredictionLookups } from '../predictions/prediction-lookups.ts';
import type { RunnerRouter } from '../routing/runner-router.ts';
import { versionName, versionRuntimeConfig } from './version-runtime-config.ts';

export type PipelineStages = Map<OcrModel, ResolvedModelVersion>;

/**
 * The pinned stage versions, looked up as the publisher (whose private models a composite may
 * use). The registry checked them at publication; they are checked again because a stage can be
 * yanked since, and a stage of another publisher would run unpaid.
 */
export async function resolvePipelineStages(
  lookups: PredictionLookups,
  composite: ResolvedModelVersion,
  pipeline: OcrPipelineConfig,
): Promise<PipelineStages> {
  const publisherId = composite.model.organizationId;
  const stages: PipelineStages = new Map();
  for (const { role, ref } of pipelineStageRefs(pipeline)) {
    const unavailable = (why: string) =>
      new AppError(
        'NOT_FOUND',
        `the ${role} stage '${ref}' of ${versionName(composite)} ${why}; its publisher must publish a new version`,
        { reason: 'PIPELINE_STAGE_UNAVAILABLE', stage: role },
      );
    let stage: ResolvedModelVersion;
    try {
      stage = await lookups.visibleVersion(ref, publisherId);
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') throw unavailable('is gone');
      throw error;
    }
    if (stage.model.organizationId !== publisherId) throw unavailable("is another's model");
    if (versionRuntimeConfig(stage).pipeline) throw unavailable('is itself a pipeline');
    stages.set(role, stage);
  }
  return stages;
}

export interface StageCalls {
  call: ModelCall;
  /** summed over the stage calls so far */
  queueMs: number;
  computeMs: number;
  /** the runner of the first stage call, recorded as the prediction's runner */
  firstRunnerId: string | null;
}

export function stageCalls(router: RunnerRouter, stages: PipelineStages): StageCalls {
  const calls: StageCalls = {
    queueMs: 0,
    computeMs: 0,
    firstRunnerId: null,
    async call(role, inputs) {
      const stage = stages.get(role);
      if (!stage) throw new Error(`the pipeline has no ${role} stage`);
      const routed = await router.infer(
        stage.id,
        runnerModelName(stage.model.organization.slug, stage.model.slug),
        stage.version,
        { inputs },
      );
      const timings = (routed.response.parameters ?? {}) as {
        queue_ms?: number;
        compute_ms?: number;
      };
      calls.queueMs += timings.queue_ms ?? 0;
      calls.computeMs += timings.compute_ms ?? 0;
      calls.firstRunnerId ??= routed.runnerId;
      return routed.response.outputs;
    },
  };
  return calls;
}
