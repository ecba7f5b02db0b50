'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { IDLE_FORM_STATE, type FormState } from '@/lib/forms/form-state';
import { devMailboxPath } from '@/lib/dev-mailbox-path';
import { MIN_PASSWORD_LENGTH } from '@/lib/password-rules';
import { signUpAction, type SignUpResult } from './actions';

export function SignUpForm({ devMailbox }: { devMailbox: boolean }) {
  const [state, action] = useActionState<FormState<SignUpResult>, FormData>(
    signUpAction,
    IDLE_FORM_STATE,
  );

  if (state.status === 'success' && state.result) {
    return (
      <section className="notice notice--success" role="status" aria-labelledby="signup-done">
        <h2 id="signup-done" className="notice__title">
          Check your inbox
        </h2>
        <p>
          We sent a verification link to <strong>{state.result.email}</strong>. Open it to verify
          your email address, then sign in.
        </p>
        {devMailbox ? (
          <p>
            This server does not send real email.{' '}
            <Link href={devMailboxPath(state.result.email)}>Open the dev mailbox</Link> to read the
            message.
          </p>
        ) : null}
        <p>
          <Link href="/signin">Go to sign in</Link>
        </p>
      </section>
    );
  }

  return (
    <form action={action} className="form" aria-label="Create an account">
      <FormAlert message={state.formError} />
      <TextField
        name="name"
        label="Name"
        autoComplete="name"
        maxLength={100}
        defaultValue={state.values.name ?? ''}
        error={state.fieldErrors.name}
      />
      <TextField
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values.email ?? ''}
        error={state.fieldErrors.email}
      />
      <TextField
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        minLength={MIN_PASSWORD_LENGTH}
        hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
        error={state.fieldErrors.password}
      />
      <SubmitButton label="Create account" pendingLabel="Creating your account…" />
    </form>
  );
}
