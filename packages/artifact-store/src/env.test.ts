import path from 'node:path';
import { ConfigError } from '@modelhub/config';
import { describe, expect, it } from 'vitest';
import { artifactRootFromEnv, artifactStoreFromEnv, readArtifactStoreEnv } from './env.ts';
import { LocalArtifactStore } from './local-artifact-store.ts';
import { S3ArtifactStore } from './s3-artifact-store.ts';

describe('artifactStoreFromEnv', () => {
  it('uses local files under the data folder by default', () => {
    expect(readArtifactStoreEnv({ MODELHUB_DATA_DIR: '/srv/data' })).toEqual({
      kind: 'local',
      root: path.join('/srv/data', 'artifacts'),
    });
    expect(readArtifactStoreEnv({ ARTIFACT_STORE_DIR: '/mnt/a' })).toEqual({
      kind: 'local',
      root: '/mnt/a',
    });
    expect(artifactRootFromEnv({ MODELHUB_DATA_DIR: '/srv/data' })).toBe('/srv/data/artifacts');
    expect(artifactStoreFromEnv({})).toBeInstanceOf(LocalArtifactStore);
  });

  it('selects S3 with its bucket, endpoint, region, credentials and path style', () => {
    const env = {
      ARTIFACT_STORE: 's3',
      S3_BUCKET: 'models',
      S3_ENDPOINT: 'http://minio:9000',
      S3_ACCESS_KEY_ID: 'id',
      S3_SECRET_ACCESS_KEY: 'secret',
      S3_FORCE_PATH_STYLE: 'true',
    };
    expect(readArtifactStoreEnv(env)).toEqual({
      kind: 's3',
      bucket: 'models',
      region: 'us-east-1',
      endpoint: 'http://minio:9000',
      forcePathStyle: true,
      credentials: { accessKeyId: 'id', secretAccessKey: 'secret' },
    });
    const store = artifactStoreFromEnv(env);
    expect(store).toBeInstanceOf(S3ArtifactStore);
    (store as S3ArtifactStore).destroy();
    // no keys: the SDK's default credential chain (instance or pod role) applies
    expect(
      readArtifactStoreEnv({ ARTIFACT_STORE: 's3', S3_BUCKET: 'b', S3_REGION: 'eu-west-1' }),
    ).toEqual({ kind: 's3', bucket: 'b', region: 'eu-west-1', forcePathStyle: false });
  });

  it.each([
    [{ ARTIFACT_STORE: 's3' }, /S3_BUCKET: required with ARTIFACT_STORE=s3/],
    [{ ARTIFACT_STORE: 'gcs' }, /ARTIFACT_STORE:/],
    [{ ARTIFACT_STORE: 's3', S3_BUCKET: 'b', S3_ENDPOINT: 'minio' }, /S3_ENDPOINT: must be a URL/],
    [{ ARTIFACT_STORE: 's3', S3_BUCKET: 'b', S3_FORCE_PATH_STYLE: 'yes' }, /S3_FORCE_PATH_STYLE/],
    [
      { ARTIFACT_STORE: 's3', S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'id' },
      /S3_SECRET_ACCESS_KEY: .*set together/,
    ],
  ])('refuses %j', (env, message) => {
    expect(() => artifactStoreFromEnv(env)).toThrow(ConfigError);
    expect(() => artifactStoreFromEnv(env)).toThrow(message);
  });
});
