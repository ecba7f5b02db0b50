export {
  ArtifactError,
  assertValidKey,
  type ArtifactStore,
  type PutOptions,
  type StoredArtifact,
} from './artifact-store.ts';
export { LocalArtifactStore } from './local-artifact-store.ts';
export { S3ArtifactStore, type S3ArtifactStoreOptions } from './s3-artifact-store.ts';
export {
  artifactRootFromEnv,
  artifactStoreFromEnv,
  readArtifactStoreEnv,
  type ArtifactStoreConfig,
} from './env.ts';
