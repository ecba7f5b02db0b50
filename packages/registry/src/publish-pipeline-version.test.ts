import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ModelTask } from '@modelhub/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addModel } from '../test/onnx-fixtures.ts';
import { createRegistryFixture, type RegistryFixture } from '../test/registry-fixture.ts';
import { parseModelRef, resolveModelVersion } from './model-ref.ts';
import { PIPELINE_MANIFEST_FORMAT, PIPELINE_PRODUCER } from './pipeline-manifest.ts';
import { publishModelVersion } from './publish-model-version.ts';
import {
  publishPipelineVersion,
  type PublishPipelineVersionInput,
} from './publish-pipeline-version.ts';
import { yankVersion } from './version-lifecycle.ts';

let f: RegistryFixture;
let dir: string;
let stageFile: string;
/** sha256 of the stage models' ONNX file, by slug */
const stageDigests = new Map<string, string>();

async function publishStage(organizationId: string, slug: string, task: ModelTask) {
  const published = await publishModelVersion(f.db, f.store, {
    organizationId,
    model: {
      slug,
      name: slug,
      task,
      summary: '',
      description: '',
      license: 'MIT',
      tags: [],
      visibility: 'PUBLIC',
    },
    version: '1.0.0',
    file: stageFile,
    price: { unit: 'PER_CALL', amountMicros: 10n, freeAllowance: 0 },
  });
  const row = await f.db.modelVersion.findUniqueOrThrow({
    where: { id: published.modelVersionId },
  });
  stageDigests.set(slug, row.sha256);
  return published;
}

beforeAll(async () => {
  f = await createRegistryFixture();
  dir = await mkdtemp(path.join(os.tmpdir(), 'pipeline-'));
  stageFile = path.join(dir, 'stage.onnx');
  // The registry checks stages by reference, task and owner; any valid ONNX file will do.
  await writeFile(stageFile, addModel());
  await publishStage(f.publisher.id, 'det', 'TEXT_DETECTION');
  await publishStage(f.publisher.id, 'rec', 'TEXT_RECOGNITION');
  await publishStage(f.publisher.id, 'cls', 'TEXT_ORIENTATION');
  await publishStage(f.publisher.id, 'other', 'IMAGE_CLASSIFICATION');
  await publishStage(f.stranger.id, 'their-rec', 'TEXT_RECOGNITION');
});
afterAll(async () => {
  await f.close();
  await rm(dir, { recursive: true, force: true });
});

const pipeline = {
  kind: 'ocr',
  detection: 'acme/det@1.0.0',
  recognition: 'acme/rec@1.0.0',
  classifier: 'acme/cls@1.0.0',
};

const input = (
  overrides: Partial<PublishPipelineVersionInput> = {},
): PublishPipelineVersionInput => ({
  organizationId: f.publisher.id,
  model: {
    slug: 'ocr',
    name: 'OCR',
    task: 'OCR',
    summary: 'Reads text.',
    description: '# OCR',
    license: 'Apache-2.0',
    tags: ['ocr'],
    visibility: 'PUBLIC',
  },
  version: '1.0.0',
  runtimeConfig: { pipeline },
  price: { unit: 'PER_CALL', amountMicros: 2_000n },
  ...overrides,
});

async function everything() {
  return {
    models: await f.db.model.findMany({ orderBy: { id: 'asc' } }),
    versions: await f.db.modelVersion.findMany({ orderBy: { id: 'asc' } }),
    prices: await f.db.price.findMany({ orderBy: { id: 'asc' } }),
    files: (await f.storedFiles()).sort(),
  };
}

describe('publishPipelineVersion', () => {
  it('stores a manifest of the pinned stages and publishes the version at its price, once', async () => {
    const first = await publishPipelineVersion(f.db, f.store, input());
    expect(first.created).toBe(true);
    const after = await everything();
    expect(await publishPipelineVersion(f.db, f.store, input())).toEqual({
      ...first,
      created: false,
    });
    expect(await everything()).toEqual(after);

    const resolved = await resolveModelVersion(f.db, parseModelRef('acme/ocr')!);
    expect(resolved).toMatchObject({
      id: first.modelVersionId,
      status: 'PUBLISHED',
      producer: PIPELINE_PRODUCER,
      opset: null,
      inputs: [],
      outputs: [],
      runtimeConfig: { pipeline },
      model: { task: 'OCR' },
      prices: [{ unit: 'PER_CALL', amountMicros: 2_000n }],
    });
    const bytes = await f.store.getVerified(resolved!.artifactKey, resolved!.sha256);
    expect(resolved!.artifactKey).toMatch(/\.json$/);
    expect(Number(resolved!.sizeBytes)).toBe(bytes.length);
    expect(JSON.parse(bytes.toString('utf8'))).toEqual({
      format: PIPELINE_MANIFEST_FORMAT,
      kind: 'ocr',
      stages: [
        { role: 'detection', ref: 'acme/det@1.0.0', sha256: stageDigests.get('det') },
        { role: 'classifier', ref: 'acme/cls@1.0.0', sha256: stageDigests.get('cls') },
        { role: 'recognition', ref: 'acme/rec@1.0.0', sha256: stageDigests.get('rec') },
      ],
    });
  });

  it('refuses another pipeline under a published version number, changing nothing', async () => {
    const before = await everything();
    const { classifier: _dropped, ...withoutClassifier } = pipeline;
    await expect(
      publishPipelineVersion(
        f.db,
        f.store,
        input({ runtimeConfig: { pipeline: withoutClassifier } }),
      ),
    ).rejects.toMatchObject({ code: 'IMMUTABLE_VERSION' });
    expect(await everything()).toEqual(before);
  });

  it.each([
    ['a config without a pipeline', { runtimeConfig: {} }, 'INVALID_INPUT', /needs `pipeline`/],
    [
      'runner settings on a composite',
      { runtimeConfig: { pipeline, batching: { enabled: false } } },
      'INVALID_INPUT',
      /'batching' cannot apply/,
    ],
    [
      'a stage without a pinned version',
      { runtimeConfig: { pipeline: { ...pipeline, detection: 'acme/det' } } },
      'INVALID_INPUT',
      /pipeline\.detection/,
    ],
    [
      'a stage of another publisher',
      { runtimeConfig: { pipeline: { ...pipeline, recognition: 'globex/their-rec@1.0.0' } } },
      'INVALID_INPUT',
      /another publisher's model/,
    ],
    [
      'a stage with the wrong task',
      { runtimeConfig: { pipeline: { ...pipeline, classifier: 'acme/other@1.0.0' } } },
      'INVALID_INPUT',
      /IMAGE_CLASSIFICATION model; the classifier stage needs TEXT_ORIENTATION/,
    ],
    [
      'a stage that does not exist',
      { runtimeConfig: { pipeline: { ...pipeline, detection: 'acme/det@9.9.9' } } },
      'NOT_FOUND',
      /acme\/det@9\.9\.9/,
    ],
    ['a version that is not semver', { version: '1.0' }, 'INVALID_SEMVER', /semver/],
    [
      'a price without an amount',
      { version: '3.0.0', price: { unit: 'PER_CALL' } as never },
      'INVALID_INPUT',
      /amountMicros/,
    ],
  ])('refuses %s, writing nothing', async (_what, overrides, code, message) => {
    const before = await everything();
    const error: unknown = await publishPipelineVersion(
      f.db,
      f.store,
      input({ version: '2.0.0', ...overrides }),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code });
    expect((error as Error).message).toMatch(message);
    expect(await everything()).toEqual(before);
  });

  it('refuses a yanked stage and a stage that is itself a pipeline', async () => {
    const nested = input({
      model: { ...input().model, slug: 'nested' },
      runtimeConfig: { pipeline: { ...pipeline, recognition: 'acme/ocr@1.0.0' } },
    });
    // The composite's model has task OCR, so the task check speaks first; give it the right one.
    const ocr = await f.db.model.findFirstOrThrow({ where: { slug: 'ocr' } });
    await f.db.model.update({ where: { id: ocr.id }, data: { task: 'TEXT_RECOGNITION' } });
    try {
      await expect(publishPipelineVersion(f.db, f.store, nested)).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: expect.stringMatching(/is itself a pipeline/),
      });
    } finally {
      await f.db.model.update({ where: { id: ocr.id }, data: { task: 'OCR' } });
    }

    const det = await f.db.modelVersion.findFirstOrThrow({ where: { model: { slug: 'det' } } });
    await yankVersion(f.db, { organizationId: f.publisher.id, modelVersionId: det.id });
    const before = await everything();
    await expect(
      publishPipelineVersion(f.db, f.store, input({ version: '4.0.0' })),
    ).rejects.toMatchObject({ code: 'VERSION_YANKED' });
    expect(await everything()).toEqual(before);
  });
});
