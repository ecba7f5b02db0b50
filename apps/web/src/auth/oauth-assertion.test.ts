import { decode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { oauthAssertion, oauthProfileClaim } from './oauth-assertion';

const SECRET = 'portal-secret-portal-secret-portal-secret';

describe('OAuth assertions', () => {
  it('carries the profile, readable only with the shared secret', async () => {
    const claim = oauthProfileClaim('google', 'g-7', {
      email: 'ada@example.com',
      name: 'Ada',
      email_verified: true,
    })!;
    const token = await oauthAssertion(claim, SECRET);
    const payload = await decode({ token, secret: SECRET });
    expect(payload).toMatchObject({ purpose: 'oauth-sign-in', oauth: claim });
    await expect(decode({ token, secret: `${SECRET}-other` })).rejects.toThrow();
  });

  it('treats GitHub emails as unverified and refuses profiles without an email', () => {
    expect(oauthProfileClaim('github', '1', { email: 'x@example.com' })?.emailVerified).toBe(false);
    expect(oauthProfileClaim('github', '1', { email: null })).toBeNull();
    expect(oauthProfileClaim('twitter', '1', { email: 'x@example.com' })).toBeNull();
  });
});
