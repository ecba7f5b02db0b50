// Every bad upload is refused with its code, and leaves no ModelVersion row and no stored file.
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { Model } from '@modelhub/db';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  OCR_CLASSIFIER_FILE,
  addModel,
  modelWithInitializer,
  unknownOperatorModel,
} from '../test/onnx-fixtures.ts';
import { createRegistryFixture, type RegistryFixture } from '../test/registry-fixture.ts';
import type { RegistryErrorCode } from './registry-error.ts';
import { uploadDraftVersion, type UploadDraftVersionInput } from './upload-draft-version.ts';

let f: RegistryFixture;
let model: Model;
beforeAll(async () => {
  f = await createRegistryFixture();
  model = await f.newModel('classifier');
});
afterAll(() => f.close());

const MB = 1024 * 1024;
const upload = (overrides: Partial<UploadDraftVersionInput>) =>
  uploadDraftVersion(f.db, f.store, {
    organizationId: f.publisher.id,
    modelId: model.id,
    version: '1.0.0',
    body: addModel(),
    maxBytes: 50 * MB,
    ...overrides,
  });

describe('uploadDraftVersion', () => {
  afterEach(async () => {
    await f.db.modelVersion.deleteMany();
    for (const file of await f.storedFiles()) await f.store.delete(file);
  });

  it('streams a real model into the store and records a DRAFT with what the file declares', async () => {
    const bytes = await readFile(OCR_CLASSIFIER_FILE);
    const { version, inspection, validation } = await upload({
      version: '2.0.0',
      body: createReadStream(OCR_CLASSIFIER_FILE, { highWaterMark: 64 * 1024 }),
      runtimeConfig: {
        batching: { maxBatchSize: 16, maxQueueDelayMs: 2 },
        warmup: { inputs: [{ name: 'x', shape: [1, 3, 48, 192] }] },
      },
    });
    expect(version).toMatchObject({
      modelId: model.id,
      organizationId: f.publisher.id,
      version: '2.0.0',
      status: 'DRAFT',
      sizeBytes: BigInt(bytes.length),
      opset: 9,
      producer: null,
      parameterCount: inspection.parameterCount,
      inputs: [{ name: 'x', datatype: 'FP32', shape: [-1, 3, -1, -1] }],
      outputs: [{ name: 'softmax_0.tmp_0', datatype: 'FP32', shape: [-1, 2] }],
      runtimeConfig: {
        batching: { maxBatchSize: 16, maxQueueDelayMs: 2 },
        warmup: { inputs: [{ name: 'x', shape: [1, 3, 48, 192] }] },
      },
      publishedAt: null,
    });
    expect(version.parameterCount).toBeGreaterThan(100_000n);
    expect(inspection.inputs[0]!.dimNames).toEqual([
      'p2o.DynamicDimension.0',
      null,
      'p2o.DynamicDimension.1',
      'p2o.DynamicDimension.2',
    ]);
    expect(validation.signature.inputs).toEqual(version.inputs);
    expect(version.artifactKey).toMatch(
      new RegExp(`^models/${f.publisher.id}/${model.id}/2\\.0\\.0/[0-9a-f-]{36}\\.onnx$`),
    );
    expect(await f.storedFiles()).toEqual([version.artifactKey]);
    expect((await f.store.getVerified(version.artifactKey, version.sha256)).equals(bytes)).toBe(
      true,
    );
  });

  it('records producer, opset and parameters of a generated graph', async () => {
    const { version } = await upload({ body: modelWithInitializer() });
    expect(version).toMatchObject({
      opset: 13,
      producer: 'modelhub-tests 1.0',
      parameterCount: 6n,
    });
  });

  describe('refuses bad input, leaving no row and no file', () => {
    const real = () => readFile(OCR_CLASSIFIER_FILE);
    const cases: [
      string,
      () => Promise<Partial<UploadDraftVersionInput>>,
      RegistryErrorCode,
      RegExp,
    ][] = [
      [
        'a file that is not ONNX',
        async () => ({ body: Buffer.from('GIF89a not a model') }),
        'INVALID_ONNX',
        /not an ONNX model/,
      ],
      [
        'a truncated real model',
        async () => ({ body: (await real()).subarray(0, 300_000) }),
        'INVALID_ONNX',
        /truncated/,
      ],
      [
        'a zero-byte file',
        async () => ({ body: Readable.from([]) }),
        'INVALID_ONNX',
        /the file is empty/,
      ],
      [
        'a file over the limit',
        async () => ({ body: createReadStream(OCR_CLASSIFIER_FILE), maxBytes: 100_000 }),
        'TOO_LARGE',
        /larger than 100000 bytes/,
      ],
      [
        'an absurd shape',
        async () => ({ body: addModel([-7, 4]) }),
        'INVALID_SHAPE',
        /dim 0 as -7/,
      ],
      [
        'a static input of 2^34 elements',
        async () => ({ body: addModel([131_072, 131_072]) }),
        'INVALID_SHAPE',
        /over the limit/,
      ],
      [
        'external data at ../../etc/passwd',
        async () => ({ body: modelWithInitializer({ externalLocation: '../../etc/passwd' }) }),
        'EXTERNAL_DATA',
        /outside the upload: '\.\.\/\.\.\/etc\/passwd'/,
      ],
      [
        'opset 99',
        async () => ({ body: addModel([2], { opset: 99 }) }),
        'UNSUPPORTED_OPSET',
        /opset 99/,
      ],
      [
        'a graph onnxruntime refuses',
        async () => ({ body: unknownOperatorModel() }),
        'INVALID_ONNX',
        /NoSuchOperator/,
      ],
      ['an invalid semver', async () => ({ version: '1.0' }), 'INVALID_SEMVER', /not a semver/],
      [
        'semver build metadata',
        async () => ({ version: '1.0.0+sha.5' }),
        'INVALID_SEMVER',
        /build metadata/,
      ],
      [
        'an invalid runtime config',
        async () => ({ runtimeConfig: { batching: { maxBatchSize: -1 } } }),
        'INVALID_INPUT',
        /maxBatchSize/,
      ],
      [
        'a warm-up input the model does not have',
        async () => ({ runtimeConfig: { warmup: { inputs: [{ name: 'image', shape: [1, 4] }] } } }),
        'INVALID_INPUT',
        /'image' is not an input/,
      ],
      ['a zero limit', async () => ({ maxBytes: 0 }), 'INVALID_INPUT', /maxBytes/],
      [
        "someone else's model",
        async () => ({ organizationId: f.stranger.id }),
        'NOT_FOUND',
        /not found/,
      ],
      [
        'a model that does not exist',
        async () => ({ modelId: 'no-such-model' }),
        'NOT_FOUND',
        /not found/,
      ],
      [
        'a load over the memory limit',
        async () => ({ body: await real(), validationLimits: { memoryBytes: 5 * MB } }),
        'VALIDATION_MEMORY_LIMIT',
        /limit is 5\.0 MiB/,
      ],
      [
        'a load over the time limit',
        async () => ({ body: await real(), validationLimits: { timeoutMs: 1 } }),
        'VALIDATION_TIMEOUT',
        /longer than 1 ms/,
      ],
    ];
    it.each(cases)('%s', async (_what, input, code, message) => {
      const error = await upload(await input()).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'RegistryError', code });
      expect((error as Error).message).toMatch(message);
      expect(await f.db.modelVersion.count()).toBe(0);
      expect(await f.storedFiles()).toEqual([]);
    });
  });

  it('refuses a duplicate version before storing anything, leaving the first intact', async () => {
    const { version: first } = await upload({ version: '1.0.0' });
    const body = Readable.from([Buffer.from(addModel(['n', 8]))]);
    await expect(upload({ version: '1.0.0', body })).rejects.toMatchObject({
      code: 'DUPLICATE_VERSION',
      message: 'classifier@1.0.0 already exists',
    });
    // not read: the caller may still answer on the connection it came from
    expect(body.readableDidRead).toBe(false);
    expect(await f.db.modelVersion.findMany()).toEqual([first]);
    expect(await f.storedFiles()).toEqual([first.artifactKey]);
  });

  it('lets the unique index settle concurrent uploads of one version, and cleans up the losers', async () => {
    const results = await Promise.allSettled([
      upload({ version: '3.0.0', body: addModel(['n', 2]) }),
      upload({ version: '3.0.0', body: addModel(['n', 3]) }),
      upload({ version: '3.0.0', body: addModel(['n', 4]) }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected')) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'DUPLICATE_VERSION' });
    }
    const rows = await f.db.modelVersion.findMany();
    expect(rows).toHaveLength(1);
    expect(await f.storedFiles()).toEqual([rows[0]!.artifactKey]);
  });

  it('lets different versions of one model coexist', async () => {
    await upload({ version: '1.0.0' });
    await upload({ version: '1.1.0-rc.1' });
    expect(
      (await f.db.modelVersion.findMany({ orderBy: { version: 'asc' } })).map((v) => v.version),
    ).toEqual(['1.0.0', '1.1.0-rc.1']);
    expect(await f.storedFiles()).toHaveLength(2);
  });
});
