import type { Metadata } from 'next';
import { ApiErrorNotice } from '@/components/api-error-notice';
import { ModelCard } from '@/components/model-card';
import { MAX_QUERY_LENGTH, SearchForm } from '@/components/search-form';
import { isApiError, type ApiError } from '@/lib/api-error';
import { pluralize } from '@/lib/format';
import { pageGraphqlClient } from '@/lib/portal-api';
import { getCatalog, type Catalog } from '@/lib/queries/get-catalog';

// Rendered per request: the catalog is live data, and the build must not need the API.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Model catalog' };

const PAGE_SIZE = 24;

type SearchParams = Record<string, string | string[] | undefined>;

/** `?q=` as the search text: first value, trimmed, at most MAX_QUERY_LENGTH characters. */
function readQuery(params: SearchParams): string {
  const raw = params.q;
  const value = Array.isArray(raw) ? raw[0] : raw;
  return (value ?? '').trim().slice(0, MAX_QUERY_LENGTH);
}

async function loadCatalog(query: string): Promise<{ catalog: Catalog } | { error: ApiError }> {
  try {
    // With the session: a signed-in person also sees their organization's private models.
    return { catalog: await getCatalog({ first: PAGE_SIZE, query }, await pageGraphqlClient()) };
  } catch (error) {
    if (isApiError(error)) {
      console.error(`[catalog] ${error.code}: ${error.message}`);
      return { error };
    }
    throw error;
  }
}

export default async function CatalogPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const query = readQuery(await searchParams);
  const result = await loadCatalog(query);

  return (
    <>
      <div className="page-intro">
        <h1>Model catalog</h1>
        <p className="lead">
          ONNX models published by organizations on Modelhub. Each one is callable through the
          GraphQL API with an API key; you pay per use.
        </p>
      </div>
      <SearchForm query={query} />
      {'error' in result ? (
        <ApiErrorNotice error={result.error} action="load the catalog" />
      ) : (
        <CatalogResults catalog={result.catalog} query={query} />
      )}
    </>
  );
}

function CatalogResults({ catalog, query }: { catalog: Catalog; query: string }) {
  if (catalog.models.length === 0) {
    return (
      <section className="empty-state">
        <h2>{query ? `No models match “${query}”` : 'No models published yet'}</h2>
        <p className="muted">
          {query
            ? 'Try fewer or different words, or clear the search.'
            : 'Published public models will appear here.'}
        </p>
      </section>
    );
  }
  const shown = catalog.models.length;
  const total = Math.max(catalog.totalCount, shown);
  const count =
    shown < total ? `Showing ${shown} of ${pluralize(total, 'model')}` : pluralize(total, 'model');
  return (
    <section aria-labelledby="results-heading">
      <h2 id="results-heading" className="results-count">
        {query ? `${count} matching “${query}”` : count}
      </h2>
      <ul className="model-grid">
        {catalog.models.map((model) => (
          <li key={model.id}>
            <ModelCard model={model} />
          </li>
        ))}
      </ul>
    </section>
  );
}
