'use client';

import { signIn } from 'next-auth/react';
import type { OAuthProviderInfo } from '@/auth/auth-options';

/** GitHub / Google sign-in (only those configured); they go through next-auth's own endpoints. */
export function OAuthButtons({
  providers,
  callbackUrl,
}: {
  providers: readonly OAuthProviderInfo[];
  callbackUrl: string;
}) {
  return (
    <section className="oauth" aria-labelledby="oauth-heading">
      <h2 id="oauth-heading" className="oauth__heading">
        Or continue with
      </h2>
      <div className="oauth__buttons">
        {providers.map((provider) => (
          <button
            key={provider.id}
            type="button"
            className="button button--secondary"
            onClick={() => void signIn(provider.id, { callbackUrl })}
          >
            {provider.name}
          </button>
        ))}
      </div>
      <noscript>
        <p className="muted">
          Signing in with {providers.map((p) => p.name).join(' or ')} needs JavaScript.
        </p>
      </noscript>
    </section>
  );
}
