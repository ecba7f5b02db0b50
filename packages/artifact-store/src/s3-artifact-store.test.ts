// Runs the store contract against s3rver: a real S3-compatible HTTP server, in-process, on a
// free port, keeping its objects in a temp folder.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll } from 'vitest';
import { describeArtifactStoreContract } from '../test/artifact-store-contract.ts';
import { S3ArtifactStore } from './s3-artifact-store.ts';

let server: S3rver;
let dir: string;
let endpoint: string;
const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
let bucketCount = 0;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 's3rver-'));
  server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: dir,
    configureBuckets: Array.from({ length: 20 }, (_, i) => ({ name: `artifacts-${i}` })),
  });
  const { port } = await server.run();
  endpoint = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describeArtifactStoreContract('S3ArtifactStore', async () => {
  // a bucket of its own per test, so "nothing left behind" sees only this test's objects
  const bucket = `artifacts-${bucketCount++}`;
  const options = { endpoint, region: 'us-east-1', forcePathStyle: true, credentials };
  // 5 MiB parts: the contract's 12 MiB upload goes through three of them
  const store = new S3ArtifactStore({ bucket, ...options, partSizeBytes: 5 * 1024 * 1024 });
  const raw = new S3Client({ ...options, requestChecksumCalculation: 'WHEN_REQUIRED' });
  return {
    store,
    async listKeys() {
      const listed = await raw.send(new ListObjectsV2Command({ Bucket: bucket }));
      return (listed.Contents ?? []).map((o) => o.Key!);
    },
    async tamper(key, bytes) {
      await raw.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes }));
    },
    async cleanup() {
      store.destroy();
      raw.destroy();
    },
  };
});
