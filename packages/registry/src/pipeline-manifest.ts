// The artifact of a composite (pipeline) version: a small JSON manifest naming each stage's pinned
// model version and the sha256 of its ONNX file. Stored like an ONNX file, so a composite version
// has an artifact key and a digest like any other, and the digest changes exactly when the
// pipeline would run different models. Deterministic bytes: the same pipeline gives the same
// manifest, which is what makes publishing it again a no-op.
import { createHash } from 'node:crypto';
import type { ModelTask } from '@modelhub/db';
import type { PipelineConfig } from '@modelhub/inference';

export const PIPELINE_MANIFEST_FORMAT = 'modelhub.pipeline.v1';

/** The `producer` of a composite version's row, where an ONNX version names its exporter. */
export const PIPELINE_PRODUCER = 'modelhub-pipeline';

export type PipelineStageRole = 'detection' | 'recognition' | 'classifier';

/** The task each stage's model must have, per pipeline kind. */
export const PIPELINE_STAGE_TASKS: Record<
  PipelineConfig['kind'],
  Partial<Record<PipelineStageRole, ModelTask>>
> = {
  ocr: {
    detection: 'TEXT_DETECTION',
    recognition: 'TEXT_RECOGNITION',
    classifier: 'TEXT_ORIENTATION',
  },
};

export interface PipelineStage {
  role: PipelineStageRole;
  /** `org/model@version` */
  ref: string;
  /** of the stage version's ONNX file */
  sha256: string;
}

/** The stages a pipeline config names, in execution order. */
export function pipelineStageRefs(
  pipeline: PipelineConfig,
): { role: PipelineStageRole; ref: string }[] {
  const stages: { role: PipelineStageRole; ref: string }[] = [
    { role: 'detection', ref: pipeline.detection },
  ];
  if (pipeline.classifier) stages.push({ role: 'classifier', ref: pipeline.classifier });
  stages.push({ role: 'recognition', ref: pipeline.recognition });
  return stages;
}

export interface PipelineManifest {
  bytes: Buffer;
  sha256: string;
}

export function buildPipelineManifest(
  pipeline: PipelineConfig,
  stages: readonly PipelineStage[],
): PipelineManifest {
  const manifest = {
    format: PIPELINE_MANIFEST_FORMAT,
    kind: pipeline.kind,
    stages: stages.map(({ role, ref, sha256 }) => ({ role, ref, sha256 })),
  };
  const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}
