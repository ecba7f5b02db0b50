import type { Metadata } from 'next';
import Link from 'next/link';
import { usesDevMailbox } from '@/lib/mail-mode';
import { SignUpForm } from './sign-up-form';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Create an account' };

export default async function SignUpPage() {
  return (
    <div className="auth-page">
      <h1>Create an account</h1>
      <p className="lead">
        An account comes with a personal organization: its API keys call models and its balance pays
        for them. You can create or join team organizations later.
      </p>
      <SignUpForm devMailbox={await usesDevMailbox()} />
      <ul className="auth-links">
        <li>
          Already have an account? <Link href="/signin">Sign in</Link>
        </li>
      </ul>
    </div>
  );
}
