import { env } from '@/env';
import { graphqlEndpoint } from '@/lib/graphql-client';
import { proxyGraphqlRequest } from '@/lib/graphql-proxy';

export const dynamic = 'force-dynamic';

/** GraphQL for client components, forwarded to the api with the session; see graphql-proxy.ts. */
export async function POST(request: Request): Promise<Response> {
  return proxyGraphqlRequest(request, {
    endpoint: graphqlEndpoint(env.API_URL),
    timeoutMs: env.API_TIMEOUT_MS,
  });
}
