import type { Metadata } from 'next';
import Link from 'next/link';
import { getSession } from '@/auth/session';
import { isApiError } from '@/lib/api-error';
import { apiFormErrors } from '@/lib/forms/api-form-errors';
import type { User } from '@/lib/identity-schemas';
import { verifyEmail } from '@/lib/mutations/account';
import { anonymousGraphqlClient } from '@/lib/portal-api';
import { firstParam, type SearchParams } from '@/lib/search-params';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Verify your email' };

const INVALID_LINK =
  'This verification link is invalid, was already used or has expired. If you verified before, just sign in.';

async function verify(token: string): Promise<{ user: User } | { error: string }> {
  try {
    return { user: await verifyEmail(token, await anonymousGraphqlClient()) };
  } catch (error) {
    if (!isApiError(error)) throw error;
    const { formError } = apiFormErrors(error, {
      fields: [],
      messages: { BAD_USER_INPUT: INVALID_LINK, NOT_FOUND: INVALID_LINK },
    });
    return { error: formError ?? INVALID_LINK };
  }
}

/** The link of the verification email: verifying happens as the page opens. */
export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const token = firstParam(await searchParams, 'token');
  if (!token) {
    return (
      <div className="auth-page">
        <h1>Verify your email</h1>
        <p className="notice notice--error" role="alert">
          This link has no verification token. Open the link from the email exactly as it was sent.
        </p>
      </div>
    );
  }

  const result = await verify(token);
  const session = await getSession();
  return (
    <div className="auth-page">
      <h1>Verify your email</h1>
      {'user' in result ? (
        <section className="notice notice--success" role="status">
          <p>
            <strong>{result.user.email}</strong> is verified.
          </p>
          <p>
            {session ? (
              <Link href="/settings">Go to your organization settings</Link>
            ) : (
              <Link href="/signin">Sign in</Link>
            )}
          </p>
        </section>
      ) : (
        <section className="notice notice--error" role="alert">
          <p>{result.error}</p>
          <p>
            <Link href="/signin">Sign in</Link>
          </p>
        </section>
      )}
    </div>
  );
}
