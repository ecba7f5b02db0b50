import type { Metadata } from 'next';
import Link from 'next/link';
import { ApiErrorNotice } from '@/components/api-error-notice';
import { ModelCard } from '@/components/model-card';
import { SearchForm } from '@/components/search-form';
import { isApiError, type ApiError } from '@/lib/api-error';
import {
  catalogHref,
  hasCatalogFilters,
  parseCatalogUrlState,
  type CatalogUrlState,
} from '@/lib/catalog/catalog-url-state';
import { pluralize } from '@/lib/format';
import { pageGraphqlClient } from '@/lib/portal-api';
import { getCatalog, type Catalog } from '@/lib/queries/get-catalog';
import type { SearchParams } from '@/lib/search-params';

// The catalog, at /models (it was at `/`, which now redirects here when it carries catalog
// filters). Rendered per request: the catalog is live data, and the build must not need the API.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Model catalog' };

const PAGE_SIZE = 24;

async function loadCatalog(
  state: CatalogUrlState,
): Promise<{ catalog: Catalog } | { error: ApiError }> {
  try {
    // With the session: a signed-in person also sees their organization's private models.
    return {
      catalog: await getCatalog({ first: PAGE_SIZE, ...state }, await pageGraphqlClient()),
    };
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
  const state = parseCatalogUrlState(await searchParams);
  const result = await loadCatalog(state);

  return (
    <>
      <div className="page-intro">
        <h1>Model catalog</h1>
        <p className="lead">
          ONNX models published by organizations on Modelhub. Each one is callable through the
          GraphQL API with an API key; you pay per use. See the <Link href="/docs">API docs</Link>.
        </p>
      </div>
      <SearchForm state={state} />
      {'error' in result ? (
        <ApiErrorNotice error={result.error} action="load the catalog" />
      ) : (
        <CatalogResults catalog={result.catalog} state={state} />
      )}
    </>
  );
}

function describeFilters(state: CatalogUrlState): string {
  const parts: string[] = [];
  if (state.query) parts.push(`matching “${state.query}”`);
  if (state.task) parts.push(`for ${state.task.toLowerCase().replaceAll('_', ' ')}`);
  if (state.tags.length > 0) parts.push(`tagged ${state.tags.join(', ')}`);
  return parts.join(' ');
}

function CatalogResults({ catalog, state }: { catalog: Catalog; state: CatalogUrlState }) {
  const filtered = hasCatalogFilters(state);
  if (catalog.models.length === 0) {
    if (state.after) {
      return (
        <section className="empty-state">
          <h2>No more models</h2>
          <p>
            <Link href={catalogHref({ ...state, after: undefined })}>Back to the first page</Link>
          </p>
        </section>
      );
    }
    return (
      <section className="empty-state">
        <h2>{filtered ? `No models ${describeFilters(state)}` : 'No models published yet'}</h2>
        <p className="muted">
          {filtered ? (
            <>
              Try fewer or different words or filters, or <Link href="/models">clear them all</Link>
              .
            </>
          ) : (
            'Published public models will appear here.'
          )}
        </p>
      </section>
    );
  }
  const total = catalog.totalCount;
  const next =
    catalog.pageInfo.hasNextPage && catalog.pageInfo.endCursor
      ? catalogHref({ ...state, after: catalog.pageInfo.endCursor })
      : undefined;
  return (
    <section aria-labelledby="results-heading">
      <h2 id="results-heading" className="results-count">
        {pluralize(total, 'model')}
        {filtered ? ` ${describeFilters(state)}` : ''}
      </h2>
      <ul className="model-grid">
        {catalog.models.map((model) => (
          <li key={model.id}>
            <ModelCard model={model} />
          </li>
        ))}
      </ul>
      {state.after || next ? (
        <nav className="pagination" aria-label="Catalog pages">
          {state.after ? (
            <Link href={catalogHref({ ...state, after: undefined })}>First page</Link>
          ) : null}
          {next ? (
            <Link href={next} rel="next">
              Next page
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}
