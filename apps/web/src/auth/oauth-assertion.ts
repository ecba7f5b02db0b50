/**
 * After a GitHub or Google sign-in, the portal vouches for the provider's profile to the api:
 * a short-lived assertion encrypted with the shared AUTH_SECRET (next-auth's own JWT format),
 * which the api's `signInWithOAuth` decodes to find, link or create the account.
 */
import { encode } from 'next-auth/jwt';

export const OAUTH_ASSERTION_MAX_AGE_SECONDS = 120;

export interface OAuthProfileClaim {
  provider: 'github' | 'google';
  providerAccountId: string;
  email: string;
  /** only a provider-verified email may link to an existing password account */
  emailVerified: boolean;
  name: string | null;
}

export function oauthAssertion(profile: OAuthProfileClaim, secret: string): Promise<string> {
  return encode({
    token: { purpose: 'oauth-sign-in', oauth: { ...profile } },
    secret,
    maxAge: OAUTH_ASSERTION_MAX_AGE_SECONDS,
  });
}

/**
 * The claim for a provider's profile, or null when it lacks an email. Google says whether it
 * verified the address; GitHub's profile does not, so its email is treated as unverified.
 */
export function oauthProfileClaim(
  provider: string,
  providerAccountId: string,
  profile: { email?: string | null; name?: string | null; email_verified?: boolean },
): OAuthProfileClaim | null {
  if ((provider !== 'github' && provider !== 'google') || !profile.email) return null;
  return {
    provider,
    providerAccountId,
    email: profile.email,
    emailVerified: provider === 'google' && profile.email_verified === true,
    name: profile.name ?? null,
  };
}
