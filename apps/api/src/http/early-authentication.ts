// Authentication of the prediction routes starts as soon as a request's headers have arrived:
// the API key's lookup and its rate-limit count (a PostgreSQL round trip) then run while the
// body is still being read and parsed, instead of after it. Nothing acts on the request before
// its handler has awaited the outcome, so the only difference a caller can see is that a request
// refused for its body (malformed, too large) has been counted against its rate limit, like any
// other request.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { rateLimitHeaders } from '../auth/rate-limits.ts';
import type { AuthenticatedRequest, RequestAuthenticator } from '../auth/request-authenticator.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** the authentication started by `startAuthentication`, if it ran for this request */
    authentication: Promise<AuthenticatedRequest> | null;
  }
}

/** Decorates requests for `startAuthentication` hooks; once per server. */
export function decorateAuthentication(app: FastifyInstance): void {
  app.decorateRequest('authentication', null);
}

/** An `onRequest` hook for a route whose body is worth reading in the meantime (POSTs). */
export function startAuthentication(authenticator: RequestAuthenticator) {
  return async (request: FastifyRequest) => {
    if (request.method !== 'POST') return;
    const authentication = authenticator.authenticate(request.headers);
    // A refusal is answered by the handler that awaits it; a request that never gets there (its
    // body was refused) must not leave an unhandled rejection behind.
    authentication.catch(() => {});
    request.authentication = authentication;
  };
}

/** The request's caller (authenticating now if no hook started it), with the RateLimit headers
 * of its count set on the reply. */
export async function authenticatedCaller(
  authenticator: RequestAuthenticator,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<AuthenticatedRequest['principal']> {
  const { principal, rateLimit } = await (request.authentication ??
    authenticator.authenticate(request.headers));
  if (rateLimit) reply.headers(rateLimitHeaders(rateLimit));
  return principal;
}
