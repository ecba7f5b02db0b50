// Which artifact store a process uses, from its environment: the local filesystem under the
// data folder unless ARTIFACT_STORE=s3 names a bucket.
import path from 'node:path';
import { parseEnv } from '@modelhub/config';
import { z } from 'zod';
import type { ArtifactStore } from './artifact-store.ts';
import { LocalArtifactStore } from './local-artifact-store.ts';
import { S3ArtifactStore, type S3ArtifactStoreOptions } from './s3-artifact-store.ts';

const flag = z
  .enum(['true', 'false', '1', '0'], { error: "must be 'true' or 'false'" })
  .transform((v) => v === 'true' || v === '1');

const schema = z
  .object({
    ARTIFACT_STORE: z.enum(['local', 's3']).default('local'),
    MODELHUB_DATA_DIR: z
      .string()
      .default(path.resolve(import.meta.dirname, '..', '..', '..', '.data')),
    ARTIFACT_STORE_DIR: z.string().optional(),
    S3_BUCKET: z.string().min(1).optional(),
    S3_ENDPOINT: z.url({ error: 'must be a URL such as http://minio:9000' }).optional(),
    S3_REGION: z.string().min(1).default('us-east-1'),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    S3_FORCE_PATH_STYLE: flag.default(false),
  })
  .superRefine((env, ctx) => {
    if (env.ARTIFACT_STORE !== 's3') return;
    if (!env.S3_BUCKET)
      ctx.addIssue({
        code: 'custom',
        path: ['S3_BUCKET'],
        message: 'required with ARTIFACT_STORE=s3',
      });
    if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY))
      ctx.addIssue({
        code: 'custom',
        path: [env.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID'],
        message: 'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are set together or not at all',
      });
  });

export type ArtifactStoreConfig =
  { kind: 'local'; root: string } | ({ kind: 's3' } & S3ArtifactStoreOptions);

/** The validated store settings; throws ConfigError naming each wrong variable. */
export function readArtifactStoreEnv(env: NodeJS.ProcessEnv = process.env): ArtifactStoreConfig {
  const parsed = parseEnv(schema, env, 'artifact store');
  if (parsed.ARTIFACT_STORE === 'local') {
    return {
      kind: 'local',
      root: parsed.ARTIFACT_STORE_DIR ?? path.join(parsed.MODELHUB_DATA_DIR, 'artifacts'),
    };
  }
  return {
    kind: 's3',
    bucket: parsed.S3_BUCKET!,
    region: parsed.S3_REGION,
    forcePathStyle: parsed.S3_FORCE_PATH_STYLE,
    ...(parsed.S3_ENDPOINT ? { endpoint: parsed.S3_ENDPOINT } : {}),
    ...(parsed.S3_ACCESS_KEY_ID && parsed.S3_SECRET_ACCESS_KEY
      ? {
          credentials: {
            accessKeyId: parsed.S3_ACCESS_KEY_ID,
            secretAccessKey: parsed.S3_SECRET_ACCESS_KEY,
          },
        }
      : {}),
  };
}

/** The store the environment selects: local files by default, S3 with ARTIFACT_STORE=s3. */
export function artifactStoreFromEnv(env: NodeJS.ProcessEnv = process.env): ArtifactStore {
  const config = readArtifactStoreEnv(env);
  if (config.kind === 'local') return new LocalArtifactStore(config.root);
  const { kind: _kind, ...options } = config;
  return new S3ArtifactStore(options);
}

/** The local store's root: ARTIFACT_STORE_DIR, else `<data dir>/artifacts`. */
export function artifactRootFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const parsed = parseEnv(schema, env, 'artifact store');
  return parsed.ARTIFACT_STORE_DIR ?? path.join(parsed.MODELHUB_DATA_DIR, 'artifacts');
}
