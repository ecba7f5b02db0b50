import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArtifactError } from './artifact-store.ts';
import { LocalArtifactStore } from './local-artifact-store.ts';

let root: string;
let store: LocalArtifactStore;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'artifacts-'));
  store = new LocalArtifactStore(root);
});
afterEach(() => rm(root, { recursive: true, force: true }));

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('LocalArtifactStore', () => {
  it('streams a file in chunks, reports its size and digest, and reads it back verified', async () => {
    const chunks = Array.from({ length: 50 }, (_, i) => Buffer.alloc(10_000, i));
    const whole = Buffer.concat(chunks);
    const stored = await store.put('models/a/1.onnx', Readable.from(chunks));
    expect(stored).toEqual({ key: 'models/a/1.onnx', sizeBytes: whole.length, sha256: sha(whole) });
    expect((await store.getVerified('models/a/1.onnx', stored.sha256)).equals(whole)).toBe(true);
  });

  it('refuses a file over the limit and leaves no file behind', async () => {
    const put = store.put('big.onnx', Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), {
      maxBytes: 1000,
    });
    await expect(put).rejects.toMatchObject({ code: 'TOO_LARGE' });
    expect(await readdir(root)).toEqual([]);
  });

  it('detects a file whose bytes no longer match the recorded digest', async () => {
    await store.put('x.onnx', Buffer.from('hello'));
    await expect(store.getVerified('x.onnx', sha(Buffer.from('other')))).rejects.toMatchObject({
      code: 'INTEGRITY',
    });
    await expect(store.getVerified('missing.onnx', 'abc')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it.each(['../../etc/passwd', '/abs', 'a/../b', 'a//b', 'a b'])(
    'rejects the key %j',
    async (key) => {
      await expect(store.put(key, Buffer.from('x'))).rejects.toBeInstanceOf(ArtifactError);
    },
  );
});
