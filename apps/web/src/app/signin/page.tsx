import type { Metadata } from 'next';
import Link from 'next/link';
import { configuredOAuthProviders } from '@/auth/auth-options';
import { getSession } from '@/auth/session';
import { signInErrorMessage } from '@/auth/sign-in-error';
import { env } from '@/env';
import { safeReturnPath } from '@/lib/return-path';
import { firstParam, type SearchParams } from '@/lib/search-params';
import { OAuthButtons } from './oauth-buttons';
import { SignInForm } from './sign-in-form';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const params = await searchParams;
  // next-auth passes absolute callback URLs of the portal itself; anything else is cut to `/`.
  const callbackUrl = safeReturnPath(firstParam(params, 'callbackUrl'), {
    origin: env.NEXTAUTH_URL,
  });
  const error = env.AUTH_SECRET
    ? signInErrorMessage(firstParam(params, 'error'))
    : signInErrorMessage('AUTH_NOT_CONFIGURED');
  const session = await getSession();
  const providers = configuredOAuthProviders(env);

  return (
    <div className="auth-page">
      <h1>Sign in</h1>
      {session ? (
        <p className="notice notice--info">
          You are signed in as <strong>{session.user.email}</strong>.{' '}
          <Link href={callbackUrl}>Continue</Link>, or sign in with another account below.
        </p>
      ) : null}
      <SignInForm callbackUrl={callbackUrl} initialError={error} />
      {providers.length > 0 ? (
        <OAuthButtons providers={providers} callbackUrl={callbackUrl} />
      ) : null}
      <ul className="auth-links">
        <li>
          <Link href="/forgot-password">Forgot your password?</Link>
        </li>
        <li>
          New to Modelhub? <Link href="/signup">Create an account</Link>
        </li>
      </ul>
    </div>
  );
}
