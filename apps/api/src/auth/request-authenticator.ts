// The one place a request's caller is established, for GraphQL and the plain HTTP routes:
// `Authorization: Bearer mh_...` is an API key; any other bearer token or the session cookie is
// a portal session. Authenticated callers are rate limited here too.
import type { IncomingHttpHeaders } from 'node:http';
import { AppError } from '../app-error.ts';
import type { ApiKeyAuthenticator } from './api-key-authenticator.ts';
import type { Principal } from './principal.ts';
import type { RateLimits, RateLimitState } from './rate-limits.ts';
import { sessionTokenFromCookies, type SessionAuthenticator } from './session-authenticator.ts';

export interface AuthenticatedRequest {
  principal: Principal | null;
  /** set when the caller was rate limited (and allowed) */
  rateLimit: RateLimitState | null;
}

export const ORGANIZATION_HEADER = 'x-modelhub-organization';

export class RequestAuthenticator {
  constructor(
    private readonly apiKeys: ApiKeyAuthenticator,
    private readonly sessions: SessionAuthenticator,
    private readonly rateLimits: RateLimits,
  ) {}

  async authenticate(headers: IncomingHttpHeaders): Promise<AuthenticatedRequest> {
    const principal = await this.principalOf(headers);
    if (!principal) return { principal: null, rateLimit: null };
    const subject =
      principal.kind === 'apiKey' ? `key:${principal.apiKeyId}` : `user:${principal.userId}`;
    const limit = principal.kind === 'apiKey' ? principal.rateLimitPerMinute : null;
    return { principal, rateLimit: await this.rateLimits.consumeRequest(subject, limit) };
  }

  private async principalOf(headers: IncomingHttpHeaders): Promise<Principal | null> {
    const authorization = headers.authorization;
    const organization = single(headers[ORGANIZATION_HEADER]);
    if (authorization) {
      const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
      if (!token) {
        throw new AppError(
          'UNAUTHENTICATED',
          'malformed Authorization header; expected "Bearer mh_..."',
        );
      }
      if (token.startsWith('mh_')) return this.apiKeys.authenticate(token);
      return this.sessions.authenticate(token, organization);
    }
    const session = sessionTokenFromCookies(headers.cookie);
    return session ? this.sessions.authenticate(session, organization) : null;
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value || undefined;
}
