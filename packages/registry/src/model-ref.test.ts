import type { Model, ModelVersionStatus } from '@modelhub/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRegistryFixture,
  insertDraftRow,
  type RegistryFixture,
} from '../test/registry-fixture.ts';
import {
  findLatestPublishedVersion,
  parseModelRef,
  resolveModelVersion,
  resolveModelVersionOrThrow,
} from './model-ref.ts';
import { deprecateVersion, publishVersion, yankVersion } from './version-lifecycle.ts';

describe('parseModelRef', () => {
  it('parses org/model and org/model@version', () => {
    expect(parseModelRef('modelhub/ppocr-v4-detection')).toEqual({
      orgSlug: 'modelhub',
      modelSlug: 'ppocr-v4-detection',
      version: null,
    });
    expect(parseModelRef('acme/cls@1.2.0-rc.1')).toEqual({
      orgSlug: 'acme',
      modelSlug: 'cls',
      version: '1.2.0-rc.1',
    });
  });
  it.each([
    '',
    'cls',
    'acme/',
    '/cls',
    'Acme/cls',
    'acme/cls@',
    'acme/cls/extra',
    'acme/../cls',
    'acme/cls@1 0',
  ])('rejects %j', (ref) => {
    expect(parseModelRef(ref)).toBeNull();
  });
});

describe('resolveModelVersion', () => {
  let f: RegistryFixture;
  let model: Model;
  beforeAll(async () => {
    f = await createRegistryFixture();
    model = await f.newModel('cls');
  });
  afterAll(() => f.close());

  const price = { unit: 'PER_CALL' as const, amountMicros: 100n };
  /** versions in the order given, each published a moment after the previous one */
  async function versions(target: Model, specs: [string, ModelVersionStatus][]) {
    const ids: Record<string, string> = {};
    for (const [version, status] of specs) {
      const draft = await insertDraftRow(f.db, target, version);
      ids[version] = draft.id;
      if (status === 'DRAFT') continue;
      const ref = { organizationId: target.organizationId, modelVersionId: draft.id };
      await publishVersion(f.db, { ...ref, price });
      if (status === 'DEPRECATED') await deprecateVersion(f.db, ref);
      if (status === 'YANKED') await yankVersion(f.db, ref);
    }
    return ids;
  }
  const resolve = (ref: string) => resolveModelVersion(f.db, parseModelRef(ref)!);
  const versionOf = async (ref: string) => (await resolve(ref))?.version ?? null;

  it('resolves `org/model` to the highest published semver, whatever the publication order', async () => {
    await versions(model, [
      ['1.10.0', 'PUBLISHED'],
      ['1.9.0', 'PUBLISHED'],
      ['2.0.0-rc.1', 'PUBLISHED'],
      ['1.2.0', 'PUBLISHED'],
      ['3.0.0', 'DRAFT'],
      ['2.5.0', 'YANKED'],
      ['2.4.0', 'DEPRECATED'],
    ]);
    const resolved = await resolve('acme/cls');
    expect(resolved).toMatchObject({
      version: '1.10.0',
      status: 'PUBLISHED',
      model: { slug: 'cls', organization: { slug: 'acme' } },
      prices: [{ unit: 'PER_CALL', amountMicros: 100n }],
    });
  });

  it('resolves an exact version when PUBLISHED or DEPRECATED, never a DRAFT or YANKED one', async () => {
    expect(await versionOf('acme/cls@1.9.0')).toBe('1.9.0');
    expect(await versionOf('acme/cls@2.0.0-rc.1')).toBe('2.0.0-rc.1');
    expect(await versionOf('acme/cls@2.4.0')).toBe('2.4.0');
    expect(await versionOf('acme/cls@3.0.0')).toBeNull();
    expect(await versionOf('acme/cls@2.5.0')).toBeNull();
    expect(await versionOf('acme/cls@9.9.9')).toBeNull();
    expect(await versionOf('globex/cls')).toBeNull();
    expect(await versionOf('acme/other')).toBeNull();
  });

  it('falls back to the highest prerelease only when there is no release', async () => {
    const beta = await f.newModel('beta');
    await versions(beta, [
      ['0.2.0-beta.2', 'PUBLISHED'],
      ['0.2.0-beta.10', 'PUBLISHED'],
      ['0.1.0-alpha', 'PUBLISHED'],
    ]);
    expect(await versionOf('acme/beta')).toBe('0.2.0-beta.10');
    await versions(beta, [['0.0.1', 'PUBLISHED']]);
    expect(await versionOf('acme/beta')).toBe('0.0.1');
  });

  it('moves `org/model` off a version once it is deprecated or yanked', async () => {
    const moving = await f.newModel('moving');
    const ids = await versions(moving, [
      ['1.0.0', 'PUBLISHED'],
      ['1.1.0', 'PUBLISHED'],
      ['1.2.0', 'PUBLISHED'],
    ]);
    const ref = (v: string) => ({ organizationId: f.publisher.id, modelVersionId: ids[v]! });
    expect(await versionOf('acme/moving')).toBe('1.2.0');
    await deprecateVersion(f.db, ref('1.2.0'));
    expect(await versionOf('acme/moving')).toBe('1.1.0');
    await yankVersion(f.db, ref('1.1.0'));
    expect(await versionOf('acme/moving')).toBe('1.0.0');
    expect((await findLatestPublishedVersion(f.db, moving.id))?.id).toBe(ids['1.0.0']);
  });

  it('says why with resolveModelVersionOrThrow: NOT_FOUND, or VERSION_YANKED', async () => {
    const orThrow = (ref: string) => resolveModelVersionOrThrow(f.db, parseModelRef(ref)!);
    expect((await orThrow('acme/cls@1.9.0')).version).toBe('1.9.0');
    await expect(orThrow('acme/cls@2.5.0')).rejects.toMatchObject({
      code: 'VERSION_YANKED',
      message: 'acme/cls@2.5.0 was withdrawn by its publisher',
    });
    await expect(orThrow('acme/cls@3.0.0')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(orThrow('acme/nothing')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: "model 'acme/nothing' not found",
    });
  });
});
