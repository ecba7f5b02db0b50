import type { Metadata } from 'next';
import Link from 'next/link';
import { getSession } from '@/auth/session';
import { signInPath } from '@/lib/return-path';
import { firstParam, type SearchParams } from '@/lib/search-params';
import { AcceptInvitationForm } from './accept-invitation-form';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Accept an invitation' };

export default async function AcceptInvitationPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const token = firstParam(await searchParams, 'token');
  if (!token) {
    return (
      <div className="auth-page">
        <h1>Accept an invitation</h1>
        <p className="notice notice--error" role="alert">
          This link has no invitation token. Open the link from the email exactly as it was sent.
        </p>
      </div>
    );
  }

  const session = await getSession();
  const here = `/invitations/accept?${new URLSearchParams({ token }).toString()}`;
  return (
    <div className="auth-page">
      <h1>Accept an invitation</h1>
      {session ? (
        <>
          <p>
            You are signed in as <strong>{session.user.email}</strong>. Accepting adds this account
            to the organization that invited you.
          </p>
          <AcceptInvitationForm token={token} />
        </>
      ) : (
        <section className="notice" aria-labelledby="invitation-sign-in">
          <h2 id="invitation-sign-in" className="notice__title">
            Sign in first
          </h2>
          <p>
            Sign in with the account the invitation was sent to; you come back here to accept it.
          </p>
          <p className="button-row">
            <Link className="button" href={signInPath(here)}>
              Sign in to accept
            </Link>
            <Link href="/signup">Create an account</Link>
          </p>
        </section>
      )}
    </div>
  );
}
