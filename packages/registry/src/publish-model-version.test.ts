import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OCR_CLASSIFIER_FILE, addModel } from '../test/onnx-fixtures.ts';
import { createRegistryFixture, type RegistryFixture } from '../test/registry-fixture.ts';
import { parseModelRef, resolveModelVersion } from './model-ref.ts';
import { publishModelVersion, type PublishModelVersionInput } from './publish-model-version.ts';

let f: RegistryFixture;
let dir: string;
beforeAll(async () => {
  f = await createRegistryFixture();
  dir = await mkdtemp(path.join(os.tmpdir(), 'publish-'));
});
afterAll(async () => {
  await f.close();
  await rm(dir, { recursive: true, force: true });
});

const input = (overrides: Partial<PublishModelVersionInput> = {}): PublishModelVersionInput => ({
  organizationId: f.publisher.id,
  model: {
    slug: 'direction',
    name: 'Direction classifier',
    task: 'TEXT_ORIENTATION',
    summary: 'Upright or upside down.',
    description: '# Direction classifier',
    license: 'Apache-2.0',
    tags: ['ocr'],
    visibility: 'PUBLIC',
  },
  version: '2.0.0',
  file: OCR_CLASSIFIER_FILE,
  price: { unit: 'PER_CALL', amountMicros: 100n, freeAllowance: 0 },
  runtimeConfig: { warmup: { inputs: [{ name: 'x', shape: [1, 3, 48, 192] }] } },
  ...overrides,
});

describe('publishModelVersion', () => {
  it('creates the model, stores, validates and publishes the version at its price, once', async () => {
    const first = await publishModelVersion(f.db, f.store, input());
    expect(first.created).toBe(true);
    const again = await publishModelVersion(f.db, f.store, input());
    expect(again).toEqual({ ...first, created: false });

    const resolved = await resolveModelVersion(f.db, parseModelRef('acme/direction')!);
    expect(resolved).toMatchObject({
      id: first.modelVersionId,
      version: '2.0.0',
      status: 'PUBLISHED',
      opset: 9,
      inputs: [{ name: 'x', datatype: 'FP32', shape: [-1, 3, -1, -1] }],
      outputs: [{ name: 'softmax_0.tmp_0', datatype: 'FP32', shape: [-1, 2] }],
      model: { slug: 'direction', visibility: 'PUBLIC', tags: ['ocr'] },
      prices: [{ unit: 'PER_CALL', amountMicros: 100n }],
    });
    expect(await f.storedFiles()).toEqual([resolved!.artifactKey]);
  });

  it('adds a version to an existing model', async () => {
    const file = path.join(dir, 'add.onnx');
    await writeFile(file, addModel());
    const next = await publishModelVersion(
      f.db,
      f.store,
      input({ version: '2.1.0', file, runtimeConfig: {} }),
    );
    const first = await f.db.model.findFirstOrThrow({ where: { slug: 'direction' } });
    expect(next.modelId).toBe(first.id);
    expect((await resolveModelVersion(f.db, parseModelRef('acme/direction')!))?.version).toBe(
      '2.1.0',
    );
  });

  it('refuses other bytes under a published version number, changing nothing', async () => {
    const file = path.join(dir, 'other.onnx');
    await writeFile(file, addModel(['n', 7]));
    const before = await f.db.modelVersion.findMany({ orderBy: { id: 'asc' } });
    const files = await f.storedFiles();
    await expect(publishModelVersion(f.db, f.store, input({ file }))).rejects.toMatchObject({
      code: 'IMMUTABLE_VERSION',
      message: /direction@2\.0\.0 exists with other bytes/,
    });
    expect(await f.db.modelVersion.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
    expect(await f.storedFiles()).toEqual(files);
  });

  it('leaves nothing behind when the file is refused', async () => {
    const file = path.join(dir, 'opset99.onnx');
    await writeFile(file, addModel([2], { opset: 99 }));
    const files = await f.storedFiles();
    await expect(
      publishModelVersion(f.db, f.store, input({ version: '9.0.0', file, runtimeConfig: {} })),
    ).rejects.toMatchObject({ code: 'UNSUPPORTED_OPSET' });
    expect(await f.db.modelVersion.count({ where: { version: '9.0.0' } })).toBe(0);
    expect(await f.storedFiles()).toEqual(files);
  });
});
