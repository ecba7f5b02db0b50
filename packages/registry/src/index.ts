export {
  REGISTRY_ERROR_CODES,
  REGISTRY_ERROR_STATUS,
  RegistryError,
  isRegistryError,
  type RegistryErrorCode,
} from './registry-error.ts';
export {
  createModel,
  updateModel,
  MODEL_SLUG_PATTERN,
  type CreateModelInput,
  type ModelCardChanges,
  type UpdateModelInput,
} from './model-card.ts';
export {
  uploadDraftVersion,
  type UploadDraftVersionInput,
  type UploadedDraftVersion,
} from './upload-draft-version.ts';
export { updateDraftVersion, setDraftPrice, deleteDraftVersion } from './draft-version.ts';
export {
  publishVersion,
  deprecateVersion,
  yankVersion,
  type PublishVersionInput,
} from './version-lifecycle.ts';
export type { VersionRef } from './owned-rows.ts';
export type { PriceInput } from './price-input.ts';
export { parseRuntimeConfig, checkRuntimeConfigAgainstSignature } from './runtime-config.ts';
export { parseVersionNumber, pickLatestVersion } from './version-number.ts';
export {
  inspectOnnx,
  DEFAULT_INSPECTION_LIMITS,
  type InspectionLimits,
  type OnnxInspection,
  type OnnxValueInfo,
} from './onnx-inspection.ts';
export { SUPPORTED_OPSET_RANGE } from './supported-opsets.ts';
export {
  validateOnnxInChildProcess,
  type ValidatedOnnx,
} from './validation/validate-in-child-process.ts';
export {
  DEFAULT_VALIDATION_LIMITS,
  type ValidationLimits,
} from './validation/validation-limits.ts';
export {
  publishModelVersion,
  type PublishModelVersionInput,
  type PublishedModelVersion,
} from './publish-model-version.ts';
export {
  publishPipelineVersion,
  type PublishPipelineVersionInput,
} from './publish-pipeline-version.ts';
export {
  buildPipelineManifest,
  pipelineStageRefs,
  PIPELINE_MANIFEST_FORMAT,
  PIPELINE_PRODUCER,
  PIPELINE_STAGE_TASKS,
  type PipelineManifest,
  type PipelineStage,
  type PipelineStageRole,
} from './pipeline-manifest.ts';
export {
  parseModelRef,
  resolveModelVersion,
  resolveModelVersionOrThrow,
  findLatestPublishedVersion,
  type ModelRef,
  type ResolvedModelVersion,
} from './model-ref.ts';
