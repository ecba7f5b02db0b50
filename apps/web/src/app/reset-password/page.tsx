import type { Metadata } from 'next';
import Link from 'next/link';
import { firstParam, type SearchParams } from '@/lib/search-params';
import { ResetPasswordForm } from './reset-password-form';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Choose a new password' };

export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const token = firstParam(await searchParams, 'token');
  return (
    <div className="auth-page">
      <h1>Choose a new password</h1>
      {token ? (
        <ResetPasswordForm token={token} />
      ) : (
        <p className="notice notice--error" role="alert">
          This link has no reset token. Open the link from the email exactly as it was sent, or{' '}
          <Link href="/forgot-password">ask for a new one</Link>.
        </p>
      )}
    </div>
  );
}
