import { describe, expect, it } from 'vitest';
import { apiKeyStatus } from '@/lib/api-key-status';

const NOW = new Date('2026-11-22T12:00:00Z');

describe('apiKeyStatus', () => {
  it('is active until revoked or past its expiry', () => {
    expect(apiKeyStatus({ revokedAt: null, expiresAt: null }, NOW)).toBe('active');
    expect(apiKeyStatus({ revokedAt: null, expiresAt: '2026-11-22T12:00:01Z' }, NOW)).toBe(
      'active',
    );
    expect(apiKeyStatus({ revokedAt: null, expiresAt: '2026-11-22T12:00:00Z' }, NOW)).toBe(
      'expired',
    );
    expect(
      apiKeyStatus({ revokedAt: '2026-11-01T00:00:00Z', expiresAt: '2026-10-01T00:00:00Z' }, NOW),
    ).toBe('revoked');
  });
});
