import { redirect } from 'next/navigation';
import { catalogHref, parseCatalogUrlState } from '@/lib/catalog/catalog-url-state';
import type { SearchParams } from '@/lib/search-params';

/** The catalog lives at `/`; `/models?q=…` is an alias for it (filters kept). */
export default async function ModelsPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  redirect(catalogHref(parseCatalogUrlState(await searchParams)));
}
