import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistryFixture, type RegistryFixture } from '../test/registry-fixture.ts';
import { createModel, updateModel } from './model-card.ts';

let f: RegistryFixture;
beforeAll(async () => {
  f = await createRegistryFixture();
});
afterAll(() => f.close());

const card = {
  name: 'Text detector',
  task: 'TEXT_DETECTION' as const,
  summary: 'Finds text.',
  description: '# Text detector',
  license: 'Apache-2.0',
  tags: ['ocr', 'OCR', ' cnn '],
  visibility: 'PUBLIC' as const,
};

describe('createModel', () => {
  it('creates a model with its card, tags normalised', async () => {
    const model = await createModel(f.db, {
      organizationId: f.publisher.id,
      slug: 'detector',
      ...card,
    });
    expect(model).toMatchObject({
      organizationId: f.publisher.id,
      slug: 'detector',
      name: 'Text detector',
      tags: ['ocr', 'cnn'],
      visibility: 'PUBLIC',
    });
    const minimal = await createModel(f.db, {
      organizationId: f.publisher.id,
      slug: 'minimal',
      name: 'Minimal',
      task: 'OTHER',
    });
    expect(minimal).toMatchObject({ visibility: 'PRIVATE', license: 'unknown', tags: [] });
  });

  it('refuses a slug the organization already uses, but not one another organization uses', async () => {
    await createModel(f.db, { organizationId: f.publisher.id, slug: 'taken', ...card });
    await expect(
      createModel(f.db, { organizationId: f.publisher.id, slug: 'taken', ...card }),
    ).rejects.toMatchObject({
      name: 'RegistryError',
      code: 'SLUG_TAKEN',
      details: { slug: 'taken' },
    });
    const theirs = await createModel(f.db, {
      organizationId: f.stranger.id,
      slug: 'taken',
      ...card,
    });
    expect(theirs.organizationId).toBe(f.stranger.id);
  });

  it('settles two concurrent creations of one slug with the unique index', async () => {
    const results = await Promise.allSettled(
      [1, 2, 3].map(() =>
        createModel(f.db, { organizationId: f.publisher.id, slug: 'race', ...card }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected')) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'SLUG_TAKEN' });
    }
  });

  it.each([
    ['an upper-case slug', { slug: 'Detector' }, /slug/],
    ['a slug with a slash', { slug: 'a/b' }, /slug/],
    ['a slug starting with a hyphen', { slug: '-x' }, /slug/],
    ['a 64-character slug', { slug: 'a'.repeat(64) }, /slug/],
    ['an empty name', { name: '  ' }, /name/],
    ['an unknown task', { task: 'DREAMING' }, /task/],
    ['an unknown visibility', { visibility: 'SECRET' }, /visibility/],
    ['a tag with a space', { tags: ['two words'] }, /tags\.0/],
    ['21 tags', { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, /tags/],
    ['an unknown field', { owner: 'me' }, /owner/],
  ])('refuses %s and creates nothing', async (_what, override, message) => {
    const before = await f.db.model.count();
    const input = { organizationId: f.publisher.id, slug: 'fine', ...card, ...override };
    const error = await createModel(f.db, input as never).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_INPUT' });
    expect((error as Error).message).toMatch(message);
    expect(await f.db.model.count()).toBe(before);
  });

  it('answers NOT_FOUND for an organization that does not exist', async () => {
    await expect(
      createModel(f.db, { organizationId: 'no-such-org', slug: 'x', ...card }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('updateModel', () => {
  it('changes the card, tags and visibility, and nothing else', async () => {
    const model = await f.newModel();
    const updated = await updateModel(f.db, {
      organizationId: f.publisher.id,
      modelId: model.id,
      changes: { summary: 'New summary', tags: ['vision'], visibility: 'PUBLIC' },
    });
    expect(updated).toMatchObject({
      slug: model.slug,
      name: model.name,
      summary: 'New summary',
      tags: ['vision'],
      visibility: 'PUBLIC',
    });
  });

  it('refuses to change the slug', async () => {
    const model = await f.newModel();
    await expect(
      updateModel(f.db, {
        organizationId: f.publisher.id,
        modelId: model.id,
        changes: { slug: 'renamed' } as never,
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: /slug of a model cannot change/ });
    expect((await f.db.model.findUniqueOrThrow({ where: { id: model.id } })).slug).toBe(model.slug);
  });

  it("answers NOT_FOUND for another organization's model and leaves it alone", async () => {
    const model = await f.newModel();
    await expect(
      updateModel(f.db, {
        organizationId: f.stranger.id,
        modelId: model.id,
        changes: { name: 'Hijacked' },
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await f.db.model.findUniqueOrThrow({ where: { id: model.id } })).name).toBe(model.name);
  });
});
