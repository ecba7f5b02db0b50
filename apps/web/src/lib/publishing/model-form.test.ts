import { describe, expect, it } from 'vitest';
import { parseCreateModelForm, parseTags, parseUpdateModelForm, slugFromName } from './model-form';

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

const VALID = {
  name: 'Invoice orientation',
  task: 'TEXT_ORIENTATION',
  summary: 'Finds upside-down lines.',
  description: '# Card\n\n  indented Markdown stays\n',
  tags: 'OCR, invoices ocr',
  license: 'Apache-2.0',
  visibility: 'PUBLIC',
};

describe('model form', () => {
  it('builds CreateModelInput, making the slug from the name when it is empty', () => {
    const parsed = parseCreateModelForm(form({ ...VALID, slug: '' }));
    expect(parsed).toMatchObject({
      ok: true,
      input: {
        slug: 'invoice-orientation',
        name: 'Invoice orientation',
        task: 'TEXT_ORIENTATION',
        description: '# Card\n\n  indented Markdown stays\n',
        tags: ['ocr', 'invoices'],
        license: 'Apache-2.0',
        visibility: 'PUBLIC',
      },
    });
  });

  it('leaves an empty license to the api (null) and defaults to private', () => {
    const parsed = parseCreateModelForm(
      form({ ...VALID, license: '', visibility: 'PRIVATE', slug: 'x1' }),
    );
    expect(parsed.ok && parsed.input).toMatchObject({
      license: null,
      visibility: 'PRIVATE',
      slug: 'x1',
    });
  });

  it('names each wrong field and keeps what was typed', () => {
    const parsed = parseCreateModelForm(
      form({
        ...VALID,
        name: '',
        task: 'DANCING',
        slug: 'Bad Slug',
        tags: 'ok, no/slash',
        visibility: 'x',
      }),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.fieldErrors).sort()).toEqual([
      'name',
      'slug',
      'tags',
      'task',
      'visibility',
    ]);
    expect(parsed.fieldErrors.tags).toContain('no/slash');
    expect(parsed.values.slug).toBe('Bad Slug');
  });

  it('refuses more than 20 tags', () => {
    const tags = Array.from({ length: 21 }, (_, i) => `t${i}`).join(',');
    const parsed = parseCreateModelForm(form({ ...VALID, slug: 'a', tags }));
    expect(!parsed.ok && parsed.fieldErrors.tags).toBe('At most 20 tags.');
  });

  it('edits without a slug', () => {
    const parsed = parseUpdateModelForm(form({ ...VALID, slug: 'ignored' }));
    expect(parsed.ok && parsed.input).not.toHaveProperty('slug');
  });

  it('splits tags and suggests slugs', () => {
    expect(parseTags(' a,b  c,,A ')).toEqual(['a', 'b', 'c']);
    expect(slugFromName('  My OCR Model! v2 ')).toBe('my-ocr-model-v2');
    expect(slugFromName('Überschrift')).toBe('uberschrift');
  });
});
