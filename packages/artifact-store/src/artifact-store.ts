// Where model files live. One interface; the local filesystem is the default implementation
// and an S3-compatible store can sit behind the same interface.
import type { Readable } from 'node:stream';

export interface StoredArtifact {
  key: string;
  sizeBytes: number;
  sha256: string;
}

export interface PutOptions {
  /** the most bytes accepted; the write fails and leaves nothing behind beyond it */
  maxBytes?: number;
}

export interface ArtifactStore {
  /** Streams `body` to `key`, hashing as it goes; never buffers the whole file. */
  put(key: string, body: Readable | Uint8Array, options?: PutOptions): Promise<StoredArtifact>;
  /** Reads the whole artifact and checks it against the digest recorded at upload. */
  getVerified(key: string, sha256: string): Promise<Buffer>;
  exists(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
}

export class ArtifactError extends Error {
  override readonly name = 'ArtifactError';
  constructor(
    readonly code: 'NOT_FOUND' | 'INTEGRITY' | 'TOO_LARGE' | 'INVALID_KEY',
    message: string,
  ) {
    super(message);
  }
}

const KEY_PATTERN = /^[a-z0-9][a-z0-9._/-]*$/i;

/** Keys are relative paths of safe characters with no `..` segments. */
export function assertValidKey(key: string): void {
  if (
    !KEY_PATTERN.test(key) ||
    key.split('/').some((s) => s === '..' || s === '.' || s === '') ||
    key.length > 512
  ) {
    throw new ArtifactError('INVALID_KEY', `invalid artifact key '${key}'`);
  }
}
