/**
 * The catalog's filters as they live in the URL (`/?q=digit&task=OCR&tag=vision&sort=NEWEST`),
 * so a filtered view survives a reload and can be shared. Parsing is forgiving: an unknown task
 * or sort, a blank value or a repeated parameter never breaks the page, it is dropped.
 */
import type { SearchParams } from '@/lib/search-params';

export const MAX_QUERY_LENGTH = 200;
export const MAX_TAGS = 5;
const MAX_TAG_LENGTH = 50;
const MAX_CURSOR_LENGTH = 500;

export const CATALOG_TASKS = [
  'IMAGE_CLASSIFICATION',
  'OBJECT_DETECTION',
  'OCR',
  'TEXT_DETECTION',
  'TEXT_RECOGNITION',
  'TEXT_ORIENTATION',
  'TEXT_CLASSIFICATION',
  'TEXT_EMBEDDING',
  'AUDIO_CLASSIFICATION',
  'WAKE_WORD',
  'OTHER',
] as const;
export type CatalogTask = (typeof CATALOG_TASKS)[number];

export const CATALOG_SORTS = [
  { value: 'RELEVANCE', label: 'Relevance' },
  { value: 'MOST_USED', label: 'Most used' },
  { value: 'NEWEST', label: 'Newest' },
  { value: 'NAME', label: 'Name' },
] as const;
export type CatalogSort = (typeof CATALOG_SORTS)[number]['value'];

export interface CatalogUrlState {
  query: string;
  task: CatalogTask | undefined;
  /** Lower-case, unique, in the order given; a model must have every one. */
  tags: string[];
  /** Undefined: the api's default (relevance with a query, name without). */
  sort: CatalogSort | undefined;
  /** The cursor of the page shown; undefined on the first page. */
  after: string | undefined;
}

function allValues(params: SearchParams, name: string): string[] {
  const raw = params[name];
  if (raw === undefined) return [];
  return Array.isArray(raw) ? raw : [raw];
}

function firstValue(params: SearchParams, name: string): string {
  return (allValues(params, name)[0] ?? '').trim();
}

function isTask(value: string): value is CatalogTask {
  return (CATALOG_TASKS as readonly string[]).includes(value);
}

function isSort(value: string): value is CatalogSort {
  return CATALOG_SORTS.some((sort) => sort.value === value);
}

/** Tags from `?tag=a&tag=b` and `?tag=a,b` alike. */
function parseTags(params: SearchParams): string[] {
  const tags = allValues(params, 'tag')
    .flatMap((value) => value.split(','))
    .map((tag) => tag.trim().toLowerCase())
    .filter((tag) => tag.length > 0 && tag.length <= MAX_TAG_LENGTH);
  return [...new Set(tags)].slice(0, MAX_TAGS);
}

export function parseCatalogUrlState(params: SearchParams): CatalogUrlState {
  const task = firstValue(params, 'task').toUpperCase();
  const sort = firstValue(params, 'sort').toUpperCase();
  const after = firstValue(params, 'after');
  return {
    query: firstValue(params, 'q').slice(0, MAX_QUERY_LENGTH),
    task: isTask(task) ? task : undefined,
    tags: parseTags(params),
    sort: isSort(sort) ? sort : undefined,
    after: after && after.length <= MAX_CURSOR_LENGTH ? after : undefined,
  };
}

/** The query string of a state (no leading `?`); empty parts are left out, in a stable order. */
export function serializeCatalogUrlState(state: Partial<CatalogUrlState>): string {
  const params = new URLSearchParams();
  if (state.query?.trim()) params.set('q', state.query.trim());
  if (state.task) params.set('task', state.task);
  for (const tag of state.tags ?? []) params.append('tag', tag);
  if (state.sort) params.set('sort', state.sort);
  if (state.after) params.set('after', state.after);
  return params.toString();
}

/** Where the catalog lives; `/` is the landing page. */
export const CATALOG_PATH = '/models';

/** `/models` with the state's query string, e.g. the link to the next page. */
export function catalogHref(state: Partial<CatalogUrlState>): string {
  const search = serializeCatalogUrlState(state);
  return search ? `${CATALOG_PATH}?${search}` : CATALOG_PATH;
}

/** The query parameters of a catalog URL: `/` carrying one of them is an old catalog link. */
export const CATALOG_PARAMS = ['q', 'task', 'tag', 'sort', 'after'] as const;

export function hasCatalogParams(params: Record<string, unknown>): boolean {
  return CATALOG_PARAMS.some((name) => params[name] !== undefined);
}

/** Whether any filter narrows the catalog (the empty state then suggests clearing them). */
export function hasCatalogFilters(state: CatalogUrlState): boolean {
  return Boolean(state.query || state.task || state.tags.length > 0);
}
