// Authenticates an API key. Keys are found by their prefix (through a database function, since
// the organization is not known yet and row-level security hides every key) and checked
// against the stored hash; a valid key is trusted for a short time so the hot path does not
// hit the database, and `lastUsedAt` is written at most once a minute. Only valid keys are
// cached; concurrent requests with the same key share one lookup.
import { apiKeyMatches, apiKeyPrefix, withTenant, type ApiKeyScope, type Db } from '@modelhub/db';
import { permissionsOfScopes } from '@modelhub/identity';
import { AppError } from '../app-error.ts';
import type { ApiKeyPrincipal } from './principal.ts';

interface ApiKeyAuthRow {
  id: string;
  organizationId: string;
  secretHash: string;
  scopes: ApiKeyScope[];
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  rateLimitPerMinute: number | null;
}

interface CacheEntry {
  principal: ApiKeyPrincipal;
  expiresAt: Date | null;
  validUntil: number;
}

const LAST_USED_RESOLUTION_MS = 60_000;

export class ApiKeyAuthenticator {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly pending = new Map<string, Promise<ApiKeyPrincipal>>();

  constructor(
    private readonly db: Db,
    private readonly cacheMs: number,
  ) {}

  /** Drops a key from the cache (after revocation). */
  forget(apiKeyId: string): void {
    for (const [key, entry] of this.cache) {
      if (entry.principal.apiKeyId === apiKeyId) this.cache.delete(key);
    }
  }

  /** The key's principal; UNAUTHENTICATED for any key that is not valid now. */
  async authenticate(key: string): Promise<ApiKeyPrincipal> {
    const prefix = apiKeyPrefix(key);
    if (!prefix)
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
    // Requests that miss together share one lookup: when a busy key's entry expires, the
    // requests in flight wait for one query rather than each running their own.
    let lookup = this.pending.get(key);
    if (!lookup) {
      lookup = this.lookUp(key, prefix, now).finally(() => this.pending.delete(key));
      this.pending.set(key, lookup);
    }
    return lookup;
  }

  private async lookUp(key: string, prefix: string, now: number): Promise<ApiKeyPrincipal> {
    const [row] = await this.db.$queryRaw<ApiKeyAuthRow[]>`
      SELECT id, "organizationId", "secretHash", scopes::text[] AS scopes, "expiresAt",
             "revokedAt", "lastUsedAt", "rateLimitPerMinute"
      FROM app_api_key_by_prefix(${prefix})`;
    if (!row || !apiKeyMatches(key, row.secretHash))
      throw new AppError('UNAUTHENTICATED', 'invalid API key');
    if (row.revokedAt) throw new AppError('UNAUTHENTICATED', 'this API key has been revoked');
    if (row.expiresAt && row.expiresAt.getTime() <= now)
      throw new AppError('UNAUTHENTICATED', 'this API key has expired');

    if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      // Not awaited: a lost update only makes lastUsedAt a little older.
      withTenant(this.db, row.organizationId, (tx) =>
        tx.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } }),
      ).catch(() => {});
    }
    const principal: ApiKeyPrincipal = {
      kind: 'apiKey',
      apiKeyId: row.id,
      organizationId: row.organizationId,
      scopes: row.scopes,
      permissions: permissionsOfScopes(row.scopes),
      rateLimitPerMinute: row.rateLimitPerMinute,
    };
    if (this.cacheMs > 0)
      this.cache.set(key, { principal, expiresAt: row.expiresAt, validUntil: now + this.cacheMs });
    return principal;
  }
}
