import { redirect } from 'next/navigation';

type SearchParams = Record<string, string | string[] | undefined>;

/** The catalog lives at `/`; `/models?q=…` is an alias for it. */
export default async function ModelsPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const { q } = await searchParams;
  const query = Array.isArray(q) ? q[0] : q;
  redirect(query ? `/?${new URLSearchParams({ q: query }).toString()}` : '/');
}
