import type { Metadata } from 'next';
import Link from 'next/link';
import { usesDevMailbox } from '@/lib/mail-mode';
import { ForgotPasswordForm } from './forgot-password-form';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Forgot your password' };

export default async function ForgotPasswordPage() {
  return (
    <div className="auth-page">
      <h1>Forgot your password?</h1>
      <p className="lead">
        Enter the email address of your account; we send you a link to choose a new password.
      </p>
      <ForgotPasswordForm devMailbox={await usesDevMailbox()} />
      <ul className="auth-links">
        <li>
          <Link href="/signin">Back to sign in</Link>
        </li>
      </ul>
    </div>
  );
}
