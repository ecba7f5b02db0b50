// Relay connections as pages: `await list()` gives the first page, `for await (const page of
// list())` walks every page, `list().items()` every item. Nothing is fetched until one of those
// starts.

export interface Page<T> {
  items: T[];
  /** items matching the filters on all pages, where the api counts them */
  totalCount: number | undefined;
  hasNextPage: boolean;
  /** pass as `after` to fetch the next page yourself */
  endCursor: string | null;
  /** the page after this one; null on the last page */
  nextPage(): Promise<Page<T> | null>;
}

/** One page as the api answers it, before the SDK adds `nextPage`. */
export interface PageData<T> {
  items: T[];
  totalCount?: number | undefined;
  hasNextPage: boolean;
  endCursor: string | null;
}

export type FetchPage<T> = (after: string | undefined) => Promise<PageData<T>>;

export class PageRequest<T> implements PromiseLike<Page<T>>, AsyncIterable<Page<T>> {
  private first: Promise<Page<T>> | undefined;

  constructor(
    private readonly fetchPage: FetchPage<T>,
    private readonly after: string | undefined,
  ) {}

  then<TResult1 = Page<T>, TResult2 = never>(
    onFulfilled?: ((value: Page<T>) => TResult1 | PromiseLike<TResult1>) | null,
    onRejected?: ((reason: unknown) => TResult2 | PromiseLike<TResult2>) | null,
  ): Promise<TResult1 | TResult2> {
    return this.firstPage().then(onFulfilled, onRejected);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Page<T>> {
    let page: Page<T> | null = await this.firstPage();
    while (page) {
      yield page;
      page = await page.nextPage();
    }
  }

  /** Every item on every page, fetching pages as the loop reaches them. */
  async *items(): AsyncGenerator<T, void, undefined> {
    for await (const page of this) yield* page.items;
  }

  private firstPage(): Promise<Page<T>> {
    this.first ??= loadPage(this.fetchPage, this.after);
    return this.first;
  }
}

async function loadPage<T>(fetchPage: FetchPage<T>, after: string | undefined): Promise<Page<T>> {
  const data = await fetchPage(after);
  const cursor = data.endCursor;
  return {
    items: data.items,
    totalCount: data.totalCount,
    hasNextPage: data.hasNextPage,
    endCursor: cursor,
    // A page that claims more but gives no cursor cannot be followed; ending beats looping.
    nextPage: () =>
      data.hasNextPage && cursor !== null ? loadPage(fetchPage, cursor) : Promise.resolve(null),
  };
}
