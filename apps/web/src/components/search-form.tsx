import Form from 'next/form';
import Link from 'next/link';

export const MAX_QUERY_LENGTH = 200;

/** The catalog search: a GET form that puts the text in `?q=`. Works without JavaScript. */
export function SearchForm({ query }: { query: string }) {
  return (
    <Form action="/" className="search-form" role="search">
      <label htmlFor="catalog-search" className="search-form__label">
        Search models
      </label>
      <div className="search-form__row">
        <input
          // a new query remounts the input so its text follows the URL
          key={query}
          id="catalog-search"
          className="search-form__input"
          type="search"
          name="q"
          defaultValue={query}
          maxLength={MAX_QUERY_LENGTH}
          placeholder="Name, task, tag or publisher"
          autoComplete="off"
        />
        <button type="submit" className="button">
          Search
        </button>
        {query ? (
          <Link href="/" className="search-form__clear">
            Clear
          </Link>
        ) : null}
      </div>
    </Form>
  );
}
