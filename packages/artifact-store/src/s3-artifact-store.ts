// Artifacts as objects in any S3-compatible store (AWS S3, MinIO, Ceph, R2, s3rver).
// Uploads stream through the same size limit and sha256 hasher as the local store into a
// multipart upload, which S3 makes visible only once it completes: a failed or oversized
// upload never leaves an object behind.
import { createHash } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import {
  ArtifactError,
  assertValidKey,
  type ArtifactStore,
  type PutOptions,
  type StoredArtifact,
} from './artifact-store.ts';

export interface S3ArtifactStoreOptions {
  bucket: string;
  /** default us-east-1 */
  region?: string;
  /** for S3-compatible stores other than AWS, e.g. http://minio:9000 */
  endpoint?: string;
  /** `bucket` in the path instead of the host name (MinIO, s3rver and most self-hosted stores) */
  forcePathStyle?: boolean;
  /** without them the SDK's default chain applies (environment, instance or pod role) */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** bytes per multipart part (S3's minimum is 5 MiB); default 8 MiB */
  partSizeBytes?: number;
  /** parts uploaded concurrently; memory held is about partSizeBytes * queueSize */
  queueSize?: number;
}

const DEFAULT_PART_SIZE = 8 * 1024 * 1024;

export class S3ArtifactStore implements ArtifactStore {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly partSize: number;
  private readonly queueSize: number;

  constructor(options: S3ArtifactStoreOptions) {
    const config: S3ClientConfig = {
      region: options.region ?? 'us-east-1',
      forcePathStyle: options.forcePathStyle ?? false,
      // The SDK's default CRC32 trailers (aws-chunked bodies) are not understood by many
      // S3-compatible servers; integrity is ours anyway: sha256 at upload, checked on read.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
    };
    this.client = new S3Client(config);
    this.bucket = options.bucket;
    this.partSize = options.partSizeBytes ?? DEFAULT_PART_SIZE;
    this.queueSize = options.queueSize ?? 4;
  }

  async put(
    key: string,
    body: Readable | Uint8Array,
    options: PutOptions = {},
  ): Promise<StoredArtifact> {
    assertValidKey(key);
    const source = body instanceof Uint8Array ? Readable.from([Buffer.from(body)]) : body;
    const hash = createHash('sha256');
    let size = 0;
    let streamFailure: unknown;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (options.maxBytes !== undefined && size > options.maxBytes) {
          done(
            new ArtifactError(
              'TOO_LARGE',
              `artifact exceeds the limit of ${options.maxBytes} bytes`,
            ),
          );
          return;
        }
        hash.update(chunk);
        done(null, chunk);
      },
    });
    const metered = pipeline(source, meter, (error) => {
      if (error) streamFailure ??= error;
    });
    const upload = new Upload({
      client: this.client,
      params: {
        Bucket: this.bucket,
        Key: key,
        Body: metered,
        ContentType: 'application/octet-stream',
      },
      partSize: this.partSize,
      queueSize: this.queueSize,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      meter.destroy();
      // When the body failed (over the limit, client gone), that is the cause; the upload's own
      // error is then only the consequence (or the abort's answer).
      throw streamFailure ?? error;
    }
    return { key, sizeBytes: size, sha256: hash.digest('hex') };
  }

  async getVerified(key: string, sha256: string): Promise<Buffer> {
    assertValidKey(key);
    let body: Readable;
    try {
      const response = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key }),
      );
      body = response.Body as Readable;
    } catch (error) {
      if (isNotFound(error))
        throw new ArtifactError('NOT_FOUND', `artifact '${key}' does not exist`);
      throw error;
    }
    const hash = createHash('sha256');
    const chunks: Buffer[] = [];
    for await (const chunk of body) {
      hash.update(chunk as Buffer);
      chunks.push(chunk as Buffer);
    }
    const actual = hash.digest('hex');
    if (actual !== sha256) {
      throw new ArtifactError(
        'INTEGRITY',
        `artifact '${key}' has sha256 ${actual}, expected ${sha256}`,
      );
    }
    return Buffer.concat(chunks);
  }

  async exists(key: string): Promise<boolean> {
    assertValidKey(key);
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  /** Closes the client's connections. */
  destroy(): void {
    this.client.destroy();
  }
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
}
