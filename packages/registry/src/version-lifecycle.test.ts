import type { Model } from '@modelhub/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addModel } from '../test/onnx-fixtures.ts';
import {
  createRegistryFixture,
  insertDraftRow,
  type RegistryFixture,
} from '../test/registry-fixture.ts';
import { deleteDraftVersion, setDraftPrice, updateDraftVersion } from './draft-version.ts';
import { uploadDraftVersion } from './upload-draft-version.ts';
import { deprecateVersion, publishVersion, yankVersion } from './version-lifecycle.ts';

let f: RegistryFixture;
let model: Model;
beforeAll(async () => {
  f = await createRegistryFixture();
  model = await f.newModel('lifecycle');
});
afterAll(() => f.close());

const price = { unit: 'PER_CALL' as const, amountMicros: 250n };
const ref = (modelVersionId: string, organizationId = f.publisher.id) => ({
  organizationId,
  modelVersionId,
});
const statusOf = async (id: string) =>
  (await f.db.modelVersion.findUniqueOrThrow({ where: { id } })).status;

describe('publishVersion', () => {
  it('publishes a draft at the given price, setting publishedAt', async () => {
    const draft = await insertDraftRow(f.db, model, '1.0.0');
    const before = Date.now();
    const published = await publishVersion(f.db, { ...ref(draft.id), price });
    expect(published.status).toBe('PUBLISHED');
    expect(published.publishedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const prices = await f.db.price.findMany({ where: { modelVersionId: draft.id } });
    expect(prices).toMatchObject([
      {
        unit: 'PER_CALL',
        amountMicros: 250n,
        freeAllowance: 0,
        currency: 'usd',
        organizationId: f.publisher.id,
        effectiveFrom: published.publishedAt,
        effectiveTo: null,
      },
    ]);
  });

  it('publishes at the price set on the draft, and the last price set wins', async () => {
    const draft = await insertDraftRow(f.db, model, '1.1.0');
    await setDraftPrice(f.db, { ...ref(draft.id), price: { unit: 'PER_CALL', amountMicros: 1n } });
    await setDraftPrice(f.db, {
      ...ref(draft.id),
      price: { unit: 'PER_1K_ITEMS', amountMicros: 5_000n, freeAllowance: 100 },
    });
    await publishVersion(f.db, ref(draft.id));
    expect(await f.db.price.findMany({ where: { modelVersionId: draft.id } })).toMatchObject([
      { unit: 'PER_1K_ITEMS', amountMicros: 5_000n, freeAllowance: 100 },
    ]);
  });

  it('needs a price', async () => {
    const draft = await insertDraftRow(f.db, model, '1.2.0');
    await expect(publishVersion(f.db, ref(draft.id))).rejects.toMatchObject({
      code: 'PRICE_REQUIRED',
    });
    expect(await statusOf(draft.id)).toBe('DRAFT');
  });

  it.each([
    ['an unknown unit', { unit: 'PER_HOUR', amountMicros: 1n }, /unit/],
    ['a negative amount', { unit: 'PER_CALL', amountMicros: -1n }, /amountMicros/],
    ['a float amount', { unit: 'PER_CALL', amountMicros: 1.5 }, /amountMicros/],
    [
      'a negative allowance',
      { unit: 'PER_CALL', amountMicros: 1n, freeAllowance: -3 },
      /freeAllowance/,
    ],
    ['a currency name', { unit: 'PER_CALL', amountMicros: 1n, currency: 'US dollars' }, /currency/],
  ])('refuses a price with %s and changes nothing', async (_what, bad, message) => {
    const draft = await insertDraftRow(f.db, model, `1.3.${Math.floor(Math.random() * 1e6)}`);
    const error = await publishVersion(f.db, { ...ref(draft.id), price: bad as never }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'INVALID_INPUT' });
    expect((error as Error).message).toMatch(message);
    expect(await statusOf(draft.id)).toBe('DRAFT');
    expect(await f.db.price.count({ where: { modelVersionId: draft.id } })).toBe(0);
  });

  it('publishes a draft only once', async () => {
    const draft = await insertDraftRow(f.db, model, '1.4.0');
    await publishVersion(f.db, { ...ref(draft.id), price });
    await expect(publishVersion(f.db, { ...ref(draft.id), price })).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
      details: { status: 'PUBLISHED', to: 'PUBLISHED' },
    });
    expect(await f.db.price.count({ where: { modelVersionId: draft.id } })).toBe(1);
  });
});

describe('deprecateVersion and yankVersion', () => {
  it('moves PUBLISHED -> DEPRECATED -> YANKED, and PUBLISHED -> YANKED', async () => {
    const a = await insertDraftRow(f.db, model, '2.0.0');
    await publishVersion(f.db, { ...ref(a.id), price });
    expect((await deprecateVersion(f.db, ref(a.id))).status).toBe('DEPRECATED');
    expect((await yankVersion(f.db, ref(a.id))).status).toBe('YANKED');

    const b = await insertDraftRow(f.db, model, '2.1.0');
    await publishVersion(f.db, { ...ref(b.id), price });
    expect((await yankVersion(f.db, ref(b.id))).status).toBe('YANKED');
  });

  it.each([
    ['deprecate a draft', 'DRAFT', deprecateVersion],
    ['yank a draft', 'DRAFT', yankVersion],
    ['deprecate a deprecated version', 'DEPRECATED', deprecateVersion],
    ['deprecate a yanked version', 'YANKED', deprecateVersion],
    ['yank a yanked version', 'YANKED', yankVersion],
  ] as const)('refuses to %s', async (_what, status, change) => {
    const v = await insertDraftRow(f.db, model, `3.0.${Math.floor(Math.random() * 1e6)}`);
    await f.db.modelVersion.update({ where: { id: v.id }, data: { status } });
    await expect(change(f.db, ref(v.id))).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
      details: { status },
    });
    expect(await statusOf(v.id)).toBe(status);
  });
});

describe('drafts can change; published versions cannot', () => {
  it('updates the runtime config of a draft, checked against its signature', async () => {
    const draft = await insertDraftRow(f.db, model, '4.0.0');
    const updated = await updateDraftVersion(f.db, {
      ...ref(draft.id),
      runtimeConfig: { warmup: { inputs: [{ name: 'a', shape: [2, 4] }] } },
    });
    expect(updated.runtimeConfig).toEqual({ warmup: { inputs: [{ name: 'a', shape: [2, 4] }] } });
    await expect(
      updateDraftVersion(f.db, {
        ...ref(draft.id),
        runtimeConfig: { warmup: { inputs: [{ name: 'a', shape: [2, 5] }] } },
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('refuses to edit a published version with IMMUTABLE_VERSION and keeps it as it was', async () => {
    const v = await insertDraftRow(f.db, model, '4.1.0');
    await publishVersion(f.db, { ...ref(v.id), price });
    const published = await f.db.modelVersion.findUniqueOrThrow({ where: { id: v.id } });
    await expect(
      updateDraftVersion(f.db, { ...ref(v.id), runtimeConfig: { batching: { maxBatchSize: 4 } } }),
    ).rejects.toMatchObject({ code: 'IMMUTABLE_VERSION', details: { status: 'PUBLISHED' } });
    await expect(setDraftPrice(f.db, { ...ref(v.id), price })).rejects.toMatchObject({
      code: 'IMMUTABLE_VERSION',
    });
    await expect(deleteDraftVersion(f.db, f.store, ref(v.id))).rejects.toMatchObject({
      code: 'IMMUTABLE_VERSION',
    });
    expect(await f.db.modelVersion.findUniqueOrThrow({ where: { id: v.id } })).toEqual(published);
    expect(await f.db.price.findMany({ where: { modelVersionId: v.id } })).toMatchObject([
      { amountMicros: 250n },
    ]);
  });

  it('discards a draft with its stored file', async () => {
    const { version } = await uploadDraftVersion(f.db, f.store, {
      organizationId: f.publisher.id,
      modelId: model.id,
      version: '5.0.0',
      body: addModel(),
      maxBytes: 1024 * 1024,
    });
    await setDraftPrice(f.db, { ...ref(version.id), price });
    expect(await f.storedFiles()).toContain(version.artifactKey);
    await deleteDraftVersion(f.db, f.store, ref(version.id));
    expect(await f.db.modelVersion.findUnique({ where: { id: version.id } })).toBeNull();
    expect(await f.db.price.count({ where: { modelVersionId: version.id } })).toBe(0);
    expect(await f.storedFiles()).not.toContain(version.artifactKey);
  });
});

describe("another organization's versions", () => {
  it('look like versions that do not exist, to every operation, and stay untouched', async () => {
    const draft = await insertDraftRow(f.db, model, '6.0.0');
    const published = await insertDraftRow(f.db, model, '6.1.0');
    await publishVersion(f.db, { ...ref(published.id), price });
    const theirs = (id: string) => ref(id, f.stranger.id);
    const attempts = [
      () => publishVersion(f.db, { ...theirs(draft.id), price }),
      () => setDraftPrice(f.db, { ...theirs(draft.id), price }),
      () => updateDraftVersion(f.db, { ...theirs(draft.id), runtimeConfig: {} }),
      () => deleteDraftVersion(f.db, f.store, theirs(draft.id)),
      () => deprecateVersion(f.db, theirs(published.id)),
      () => yankVersion(f.db, theirs(published.id)),
      () => yankVersion(f.db, ref('no-such-version')),
    ];
    for (const attempt of attempts) {
      await expect(attempt()).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: expect.stringMatching(/^model version '.+' not found$/),
      });
    }
    expect(await statusOf(draft.id)).toBe('DRAFT');
    expect(await statusOf(published.id)).toBe('PUBLISHED');
    expect(await f.db.price.count({ where: { modelVersionId: draft.id } })).toBe(0);
  });
});
