// Authenticates `Authorization: Bearer <api key>` once per request. Keys are found by their
// prefix and checked against the stored hash; a valid key is trusted for a short time so the
// hot path does not hit the database, and `lastUsedAt` is written at most once a minute.
import { apiKeyMatches, apiKeyPrefix, type ApiKeyScope, type Db } from '@modelhub/db';
import { AppError } from '../app-error.ts';

export interface ApiKeyPrincipal {
  kind: 'apiKey';
  apiKeyId: string;
  organizationId: string;
  scopes: ApiKeyScope[];
}

interface CacheEntry {
  principal: ApiKeyPrincipal;
  expiresAt: Date | null;
  validUntil: number;
}

const LAST_USED_RESOLUTION_MS = 60_000;

export class ApiKeyAuthenticator {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    private readonly db: Db,
    private readonly cacheMs: number,
  ) {}

  /** null without an Authorization header; UNAUTHENTICATED for any key that is not valid now. */
  async authenticate(authorization: string | undefined): Promise<ApiKeyPrincipal | null> {
    if (authorization === undefined || authorization === '') return null;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const key = match?.[1];
    const prefix = key ? apiKeyPrefix(key) : null;
    if (!key || !prefix)
      throw new AppError(
        'UNAUTHENTICATED',
        'malformed API key; expected "Authorization: Bearer mh_..."',
      );

    const now = Date.now();
    const cached = this.cache.get(key);
    if (
      cached &&
      cached.validUntil > now &&
      (!cached.expiresAt || cached.expiresAt.getTime() > now)
    ) {
      return cached.principal;
    }
    this.cache.delete(key);

    const row = await this.db.apiKey.findUnique({ where: { prefix } });
    if (!row || !apiKeyMatches(key, row.secretHash))
      throw new AppError('UNAUTHENTICATED', 'invalid API key');
    if (row.revokedAt) throw new AppError('UNAUTHENTICATED', 'this API key has been revoked');
    if (row.expiresAt && row.expiresAt.getTime() <= now)
      throw new AppError('UNAUTHENTICATED', 'this API key has expired');

    if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      // Not awaited: a lost update only makes lastUsedAt a little older.
      this.db.apiKey
        .update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } })
        .catch(() => {});
    }
    const principal: ApiKeyPrincipal = {
      kind: 'apiKey',
      apiKeyId: row.id,
      organizationId: row.organizationId,
      scopes: row.scopes,
    };
    if (this.cacheMs > 0)
      this.cache.set(key, { principal, expiresAt: row.expiresAt, validUntil: now + this.cacheMs });
    return principal;
  }
}

export function requireScope(
  principal: ApiKeyPrincipal | null,
  scope: ApiKeyScope,
): ApiKeyPrincipal {
  if (!principal)
    throw new AppError(
      'UNAUTHENTICATED',
      'this operation needs an API key: "Authorization: Bearer mh_..."',
    );
  if (!principal.scopes.includes(scope)) {
    throw new AppError('FORBIDDEN', `this API key lacks the ${scope.toLowerCase()} scope`);
  }
  return principal;
}
