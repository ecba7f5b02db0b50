/**
 * The api as the portal's server code calls it for the person being served: the session cookie
 * and the chosen organization ride along on every request (see api-forwarding.ts). Server-side
 * only: it reads the request's cookies.
 */
import { cookies, headers as requestHeaders } from 'next/headers';
import { unstable_rethrow } from 'next/navigation';
import { cache } from 'react';
import { isApiError, type ApiError } from '@/lib/api-error';
import { apiForwardHeaders, clientOriginHeaders, ORGANIZATION_HEADER } from '@/lib/api-forwarding';
import { graphqlClient, withHeaders, type GraphqlClient } from '@/lib/graphql-client';
import type { Viewer } from '@/lib/identity-schemas';
import { getViewer } from '@/lib/queries/get-viewer';

/** The headers every api call made for this request carries: session, organization, origin. */
async function forwardedHeaders(): Promise<Record<string, string>> {
  const [store, incoming] = await Promise.all([cookies(), requestHeaders()]);
  return { ...clientOriginHeaders(incoming), ...apiForwardHeaders(store.getAll()) };
}

/** The client of a request that has no session (sign-in, sign-up): the caller's origin only. */
export async function anonymousGraphqlClient(): Promise<GraphqlClient> {
  return withHeaders(graphqlClient, clientOriginHeaders(await requestHeaders()));
}

/** A client that forwards this request's session cookie and organization, as they are. */
export async function sessionGraphqlClient(): Promise<GraphqlClient> {
  return withHeaders(graphqlClient, await forwardedHeaders());
}

export interface ApiContext {
  /** The client for this request's api calls. */
  client: GraphqlClient;
  /** The signed-in person; null when signed out or when the api does not accept the session. */
  viewer: Viewer | null;
  /**
   * The slug in `mh_org` when the api refused it (the person left or was removed); the context
   * then falls back to their personal organization until they pick another one.
   */
  rejectedOrganization?: string;
  /** Why the viewer could not be loaded, when the api failed (unreachable, …). */
  viewerError?: ApiError;
}

async function loadApiContext(): Promise<ApiContext> {
  const headers = await forwardedHeaders();
  const client = withHeaders(graphqlClient, headers);
  if (!headers.cookie) return { client, viewer: null };
  try {
    return { client, viewer: await getViewer(client) };
  } catch (error) {
    unstable_rethrow(error);
    if (!isApiError(error)) throw error;
    const organization = headers[ORGANIZATION_HEADER];
    if (organization && (error.hasGraphqlCode('FORBIDDEN') || error.hasGraphqlCode('NOT_FOUND'))) {
      const { [ORGANIZATION_HEADER]: _rejected, ...personal } = headers;
      const fallback = withHeaders(graphqlClient, personal);
      try {
        return {
          client: fallback,
          viewer: await getViewer(fallback),
          rejectedOrganization: organization,
        };
      } catch (fallbackError) {
        unstable_rethrow(fallbackError);
        if (!isApiError(fallbackError)) throw fallbackError;
        return { client: fallback, viewer: null, viewerError: fallbackError };
      }
    }
    if (error.hasGraphqlCode('UNAUTHENTICATED') || error.status === 401) {
      return { client, viewer: null };
    }
    console.error(`[viewer] ${error.code}: ${error.message}`);
    return { client, viewer: null, viewerError: error };
  }
}

/** The api context of this request, loaded once and shared by the header and the page. */
export const getApiContext = cache(loadApiContext);

/** The client a page should use: it leaves out an organization the api has refused. */
export async function pageGraphqlClient(): Promise<GraphqlClient> {
  return (await getApiContext()).client;
}
