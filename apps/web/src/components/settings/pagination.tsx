import Link from 'next/link';
import type { PageInfo } from '@/lib/identity-schemas';

interface PaginationProps {
  basePath: string;
  /** The cursor of the page shown; absent on the first page. */
  after: string | undefined;
  pageInfo: PageInfo | undefined;
  label: string;
}

/** Forward pagination over a Relay connection: back to the first page, on to the next. */
export function Pagination({ basePath, after, pageInfo, label }: PaginationProps) {
  const next =
    pageInfo?.hasNextPage && pageInfo.endCursor
      ? `${basePath}?${new URLSearchParams({ after: pageInfo.endCursor }).toString()}`
      : undefined;
  if (!after && !next) return null;
  return (
    <nav className="pagination" aria-label={label}>
      {after ? <Link href={basePath}>First page</Link> : null}
      {next ? (
        <Link href={next} rel="next">
          Next page
        </Link>
      ) : null}
    </nav>
  );
}
