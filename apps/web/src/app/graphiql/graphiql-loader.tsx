'use client';

import dynamic from 'next/dynamic';

/**
 * GraphiQL and Monaco touch `window` and start web workers as they load, so they are loaded in
 * the browser only; the server renders the loading state.
 */
const GraphiqlEditor = dynamic(() => import('./graphiql-editor'), {
  ssr: false,
  loading: () => (
    <p className="graphiql-loading" role="status">
      Loading GraphiQL…
    </p>
  ),
});

export function GraphiqlLoader() {
  return (
    <div className="graphiql-frame" data-testid="graphiql">
      <GraphiqlEditor />
    </div>
  );
}
