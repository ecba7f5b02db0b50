import { describe, expect, it } from 'vitest';
import {
  catalogHref,
  hasCatalogParams,
  hasCatalogFilters,
  MAX_TAGS,
  parseCatalogUrlState,
  serializeCatalogUrlState,
} from './catalog-url-state';

describe('parseCatalogUrlState', () => {
  it('reads every filter', () => {
    expect(
      parseCatalogUrlState({
        q: ' digit ',
        task: 'image_classification',
        tag: ['Vision', 'mnist'],
        sort: 'most_used',
        after: 'abc',
      }),
    ).toEqual({
      query: 'digit',
      task: 'IMAGE_CLASSIFICATION',
      tags: ['vision', 'mnist'],
      sort: 'MOST_USED',
      after: 'abc',
    });
  });

  it('drops unknown, blank and oversized values instead of failing', () => {
    expect(
      parseCatalogUrlState({
        q: '   ',
        task: 'TELEPATHY',
        tag: ['', ' ', 'x'.repeat(51)],
        sort: 'PRICE',
        after: 'c'.repeat(501),
      }),
    ).toEqual({ query: '', task: undefined, tags: [], sort: undefined, after: undefined });
  });

  it('accepts comma-separated tags, removes duplicates and caps their number', () => {
    const tags = Array.from({ length: MAX_TAGS + 3 }, (_, i) => `t${i}`);
    expect(parseCatalogUrlState({ tag: 'a, b,A' }).tags).toEqual(['a', 'b']);
    expect(parseCatalogUrlState({ tag: tags.join(',') }).tags).toHaveLength(MAX_TAGS);
  });

  it('takes the first value of a repeated single parameter and caps the query length', () => {
    const state = parseCatalogUrlState({ q: ['one', 'two'], sort: ['NAME', 'NEWEST'] });
    expect(state.query).toBe('one');
    expect(state.sort).toBe('NAME');
    expect(parseCatalogUrlState({ q: 'q'.repeat(300) }).query).toHaveLength(200);
  });
});

describe('serializeCatalogUrlState', () => {
  it('writes only what is set, in a stable order', () => {
    expect(serializeCatalogUrlState({})).toBe('');
    expect(
      serializeCatalogUrlState({
        after: 'cur',
        sort: 'NEWEST',
        tags: ['a', 'b c'],
        task: 'OCR',
        query: 'digit classifier',
      }),
    ).toBe('q=digit+classifier&task=OCR&tag=a&tag=b+c&sort=NEWEST&after=cur');
  });

  it('round-trips through parse', () => {
    const state = parseCatalogUrlState({
      q: 'mnist & co',
      task: 'OCR',
      tag: ['x/y'],
      sort: 'NAME',
    });
    const again = parseCatalogUrlState(
      Object.fromEntries(
        [...new URLSearchParams(serializeCatalogUrlState(state))].reduce(
          (map, [key, value]) => map.set(key, [...(map.get(key) ?? []), value]),
          new Map<string, string[]>(),
        ),
      ),
    );
    expect(again).toEqual(state);
  });

  it('builds links to the catalog', () => {
    expect(catalogHref({})).toBe('/models');
    expect(catalogHref({ query: 'digit' })).toBe('/models?q=digit');
  });

  it('recognises an old catalog link at / by its parameters', () => {
    expect(hasCatalogParams({ q: 'digit' })).toBe(true);
    expect(hasCatalogParams({ tag: ['a', 'b'] })).toBe(true);
    expect(hasCatalogParams({ after: 'x' })).toBe(true);
    expect(hasCatalogParams({})).toBe(false);
    expect(hasCatalogParams({ utm_source: 'mail' })).toBe(false);
  });
});

describe('hasCatalogFilters', () => {
  it('is true only when something narrows the list (sort and page do not)', () => {
    const base = parseCatalogUrlState({ sort: 'NAME', after: 'x' });
    expect(hasCatalogFilters(base)).toBe(false);
    expect(hasCatalogFilters({ ...base, tags: ['a'] })).toBe(true);
  });
});
