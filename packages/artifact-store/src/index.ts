export {
  ArtifactError,
  assertValidKey,
  type ArtifactStore,
  type PutOptions,
  type StoredArtifact,
} from './artifact-store.ts';
export { LocalArtifactStore } from './local-artifact-store.ts';
export { artifactRootFromEnv } from './env.ts';
