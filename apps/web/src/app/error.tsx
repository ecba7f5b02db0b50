'use client';

import { useEffect } from 'react';

/** Last-resort boundary for unexpected errors; API failures are handled by the pages themselves. */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  const digest =
    error instanceof Error && 'digest' in error && typeof error.digest === 'string'
      ? error.digest
      : undefined;

  return (
    <section className="notice notice--error" role="alert" aria-labelledby="error-title">
      <h1 id="error-title" className="notice__title">
        Something went wrong
      </h1>
      <p>The page could not be shown. This is a bug on our side, not something you did.</p>
      {digest ? (
        <p className="muted">
          Reference: <code>{digest}</code>
        </p>
      ) : null}
      <p>
        <button type="button" className="button" onClick={() => retry()}>
          Try again
        </button>
      </p>
    </section>
  );
}
