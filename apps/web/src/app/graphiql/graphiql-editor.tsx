'use client';

import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
// Monaco's web workers (editor, JSON, GraphQL language service), bundled by Next from the npm
// packages: without them the editors load without highlighting, validation or completion.
import 'graphiql/setup-workers/webpack';
import 'graphiql/style.css';

/** Through the portal's proxy: same origin, so the session cookie rides along. */
const fetcher = createGraphiQLFetcher({ url: '/api/graphql' });

export const GRAPHIQL_DEFAULT_QUERY = `# Runs as you: signed in, with your session and current organization;
# signed out, as an anonymous caller (the public catalog).
query Example {
  viewer {
    user {
      email
    }
    organization {
      slug
    }
  }
  models(first: 3) {
    totalCount
    edges {
      node {
        fullName
        summary
      }
    }
  }
}
`;

export default function GraphiqlEditor() {
  return (
    <GraphiQL
      fetcher={fetcher}
      defaultQuery={GRAPHIQL_DEFAULT_QUERY}
      // The proxy forwards the session only, never request headers typed here.
      isHeadersEditorEnabled={false}
    />
  );
}
