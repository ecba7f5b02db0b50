import Form from 'next/form';
import Link from 'next/link';
import {
  CATALOG_PATH,
  CATALOG_SORTS,
  CATALOG_TASKS,
  hasCatalogFilters,
  MAX_QUERY_LENGTH,
  type CatalogUrlState,
} from '@/lib/catalog/catalog-url-state';
import { formatTask } from '@/lib/format';

/**
 * The catalog's search and filters: a GET form, so every choice lands in the URL (`?q=`, `task`,
 * `tag`, `sort`) and works without JavaScript. Submitting starts again at the first page.
 */
export function SearchForm({ state }: { state: CatalogUrlState }) {
  // a new URL remounts the fields so their values follow it
  const key = JSON.stringify([state.query, state.task, state.tags, state.sort]);
  return (
    <Form action={CATALOG_PATH} className="search-form" role="search" key={key}>
      <label htmlFor="catalog-search" className="search-form__label">
        Search models
      </label>
      <div className="search-form__row">
        <input
          id="catalog-search"
          className="search-form__input"
          type="search"
          name="q"
          defaultValue={state.query}
          maxLength={MAX_QUERY_LENGTH}
          placeholder="Name, task, tag or publisher"
          autoComplete="off"
        />
        <button type="submit" className="button">
          Search
        </button>
        {hasCatalogFilters(state) || state.sort ? (
          <Link href={CATALOG_PATH} className="search-form__clear">
            Clear
          </Link>
        ) : null}
      </div>
      <div className="search-form__filters">
        <label>
          Task{' '}
          <select name="task" defaultValue={state.task ?? ''}>
            <option value="">Any task</option>
            {CATALOG_TASKS.map((task) => (
              <option key={task} value={task}>
                {formatTask(task)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Tag{' '}
          <input
            type="text"
            name="tag"
            defaultValue={state.tags.join(', ')}
            placeholder="e.g. vision, mnist"
            maxLength={200}
            autoComplete="off"
          />
        </label>
        <label>
          Sort by{' '}
          <select name="sort" defaultValue={state.sort ?? ''}>
            <option value="">Default</option>
            {CATALOG_SORTS.map((sort) => (
              <option key={sort.value} value={sort.value}>
                {sort.label}
              </option>
            ))}
          </select>
        </label>
      </div>
    </Form>
  );
}
