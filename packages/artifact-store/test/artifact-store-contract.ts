// The behaviour every ArtifactStore implementation owes its callers, as one suite that each
// implementation's test file runs against a real instance.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArtifactError, type ArtifactStore } from '../src/artifact-store.ts';

export interface ContractSubject {
  store: ArtifactStore;
  /** every key the backing storage holds, read around the store */
  listKeys(): Promise<string[]>;
  /** replaces the bytes under `key` behind the store's back */
  tamper(key: string, bytes: Buffer): Promise<void>;
  cleanup(): Promise<void>;
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export function describeArtifactStoreContract(
  name: string,
  createSubject: () => Promise<ContractSubject>,
): void {
  describe(`${name} (ArtifactStore contract)`, () => {
    let subject: ContractSubject;
    let store: ArtifactStore;
    beforeEach(async () => {
      subject = await createSubject();
      store = subject.store;
    });
    afterEach(() => subject.cleanup());

    it('streams a file in chunks, reports its size and digest, and reads it back verified', async () => {
      // 12 MiB in uneven chunks: more than one multipart part for stores that use them
      const chunks = Array.from({ length: 48 }, (_, i) => Buffer.alloc(256 * 1024 + i, i));
      const whole = Buffer.concat(chunks);
      const stored = await store.put('models/a/1.onnx', Readable.from(chunks));
      expect(stored).toEqual({
        key: 'models/a/1.onnx',
        sizeBytes: whole.length,
        sha256: sha(whole),
      });
      expect(await store.exists('models/a/1.onnx')).toBe(true);
      expect((await store.getVerified('models/a/1.onnx', stored.sha256)).equals(whole)).toBe(true);
    });

    it('accepts bytes as well as a stream, and a file exactly at the limit', async () => {
      const bytes = Buffer.from('exactly ten');
      const stored = await store.put('small.onnx', bytes, { maxBytes: bytes.length });
      expect(stored.sizeBytes).toBe(bytes.length);
      expect((await store.getVerified('small.onnx', sha(bytes))).toString()).toBe('exactly ten');
    });

    it('refuses a file over the limit and leaves nothing behind', async () => {
      const chunks = Array.from({ length: 24 }, () => Buffer.alloc(512 * 1024, 7));
      const put = store.put('big.onnx', Readable.from(chunks), { maxBytes: 6 * 1024 * 1024 });
      await expect(put).rejects.toMatchObject({ name: 'ArtifactError', code: 'TOO_LARGE' });
      expect(await store.exists('big.onnx')).toBe(false);
      expect(await subject.listKeys()).toEqual([]);
    });

    it('passes on the error of a failing body and leaves nothing behind', async () => {
      async function* failing() {
        yield Buffer.alloc(1024, 1);
        throw new Error('client went away');
      }
      await expect(store.put('cut.onnx', Readable.from(failing()))).rejects.toThrow(
        'client went away',
      );
      expect(await subject.listKeys()).toEqual([]);
    });

    it('detects a wrong digest and bytes changed behind its back', async () => {
      const stored = await store.put('x.onnx', Buffer.from('hello'));
      await expect(store.getVerified('x.onnx', sha(Buffer.from('other')))).rejects.toMatchObject({
        code: 'INTEGRITY',
      });
      await subject.tamper('x.onnx', Buffer.from('hellp'));
      await expect(store.getVerified('x.onnx', stored.sha256)).rejects.toMatchObject({
        code: 'INTEGRITY',
      });
    });

    it('answers NOT_FOUND for a missing key, and deletes idempotently', async () => {
      await expect(store.getVerified('missing.onnx', 'abc')).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      expect(await store.exists('missing.onnx')).toBe(false);
      await store.put('gone.onnx', Buffer.from('x'));
      await store.delete('gone.onnx');
      await store.delete('gone.onnx');
      expect(await store.exists('gone.onnx')).toBe(false);
      expect(await subject.listKeys()).toEqual([]);
    });

    it.each(['../../etc/passwd', '/abs', 'a/../b', 'a//b', 'a b', '.hidden', 'a/./b'])(
      'rejects the key %j in every operation',
      async (key) => {
        const error = { name: 'ArtifactError', code: 'INVALID_KEY' };
        await expect(store.put(key, Buffer.from('x'))).rejects.toMatchObject(error);
        await expect(store.getVerified(key, 'abc')).rejects.toMatchObject(error);
        await expect(store.exists(key)).rejects.toBeInstanceOf(ArtifactError);
        await expect(store.delete(key)).rejects.toBeInstanceOf(ArtifactError);
        expect(await subject.listKeys()).toEqual([]);
      },
    );
  });
}
