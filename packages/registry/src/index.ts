export {
  publishModelVersion,
  type PublishModelVersionInput,
  type PublishedModelVersion,
} from './publish-model-version.ts';
export {
  parseModelRef,
  resolveModelVersion,
  type ModelRef,
  type ResolvedModelVersion,
} from './model-ref.ts';
