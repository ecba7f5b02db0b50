import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getSession } from '@/auth/session';
import { ModelCard } from '@/components/model-card';
import { isApiError, type ApiError } from '@/lib/api-error';
import {
  catalogHref,
  hasCatalogParams,
  parseCatalogUrlState,
} from '@/lib/catalog/catalog-url-state';
import type { CatalogModel } from '@/lib/model-schemas';
import { pageGraphqlClient } from '@/lib/portal-api';
import { getCatalog } from '@/lib/queries/get-catalog';
import type { SearchParams } from '@/lib/search-params';
import './landing.css';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Modelhub: AI models as a service' };

const FEATURED_COUNT = 6;

async function loadFeatured(): Promise<{ models: CatalogModel[] } | { error: ApiError }> {
  try {
    const catalog = await getCatalog(
      { first: FEATURED_COUNT, sort: 'MOST_USED', tags: [] },
      await pageGraphqlClient(),
    );
    return { models: catalog.models };
  } catch (error) {
    if (!isApiError(error)) throw error;
    console.error(`[landing] ${error.code}: ${error.message}`);
    return { error };
  }
}

/**
 * The landing page: what Modelhub is, the most used models, and how to start. The catalog used to
 * live here, so `/` with catalog parameters (`?q=`, `task`, `tag`, `sort`, `after`) is an old
 * catalog link and goes to `/models` with the same query.
 */
export default async function LandingPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const params = await searchParams;
  if (hasCatalogParams(params)) redirect(catalogHref(parseCatalogUrlState(params)));

  const [session, featured] = await Promise.all([getSession(), loadFeatured()]);
  const signedIn = session !== null;

  return (
    <>
      <section className="landing-hero" aria-labelledby="landing-title">
        <h1 id="landing-title">Run AI models with one API call</h1>
        <p className="lead">
          Modelhub is a marketplace of ONNX models: organizations publish them, other organizations
          call them through a GraphQL API with an API key, and pay per call. The models run on
          Modelhub&apos;s runners; you send inputs and get answers, with no servers of your own.
        </p>
        <p className="button-row">
          <Link href="/models" className="button">
            Browse the catalog
          </Link>
          <Link href={signedIn ? '/dashboard' : '/signup'} className="button button--secondary">
            {signedIn ? 'Your dashboard' : 'Create an account'}
          </Link>
        </p>
      </section>

      <section aria-labelledby="featured-heading" className="section">
        <h2 id="featured-heading">Most used models</h2>
        {'error' in featured ? (
          <p className="notice notice--error" role="alert">
            The catalog could not be loaded ({featured.error.message}).{' '}
            <Link href="/models">Try the catalog page</Link>.
          </p>
        ) : featured.models.length === 0 ? (
          <p className="muted">No models are published yet.</p>
        ) : (
          <>
            <ul className="model-grid">
              {featured.models.map((model) => (
                <li key={model.id}>
                  <ModelCard model={model} />
                </li>
              ))}
            </ul>
            <p>
              <Link href={catalogHref({ sort: 'MOST_USED' })}>All models by usage</Link>
            </p>
          </>
        )}
      </section>

      <section aria-labelledby="start-heading" className="section">
        <h2 id="start-heading">How to start</h2>
        <ol className="landing-steps">
          <li>
            <h3>Sign up</h3>
            <p>
              Your account comes with a personal organization and trial credit.{' '}
              {signedIn ? 'You are signed in.' : <Link href="/signup">Create an account</Link>}
            </p>
          </li>
          <li>
            <h3>Create an API key</h3>
            <p>
              Under <Link href="/settings/api-keys">Settings → API keys</Link>; the secret is shown
              once.
            </p>
          </li>
          <li>
            <h3>Call a model</h3>
            <p>
              Each model page has a playground and copy-ready GraphQL, curl and TypeScript examples.
              The <Link href="/docs">API docs</Link> list errors and limits.
            </p>
          </li>
        </ol>
      </section>
    </>
  );
}
