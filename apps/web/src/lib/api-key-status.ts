import type { ApiKey } from '@/lib/identity-schemas';

export type ApiKeyStatus = 'active' | 'expired' | 'revoked';

/** A key works until it is revoked or its expiry time passes. */
export function apiKeyStatus(
  key: Pick<ApiKey, 'revokedAt' | 'expiresAt'>,
  now: Date = new Date(),
): ApiKeyStatus {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && new Date(key.expiresAt).getTime() <= now.getTime()) return 'expired';
  return 'active';
}
