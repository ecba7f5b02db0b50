'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { devMailboxPath } from '@/lib/dev-mailbox-path';
import { IDLE_FORM_STATE, type FormState } from '@/lib/forms/form-state';
import { requestPasswordResetAction } from './actions';

export function ForgotPasswordForm({ devMailbox }: { devMailbox: boolean }) {
  const [state, action] = useActionState<FormState<{ email: string }>, FormData>(
    requestPasswordResetAction,
    IDLE_FORM_STATE,
  );

  if (state.status === 'success' && state.result) {
    return (
      <section className="notice notice--success" role="status">
        <p>
          If an account exists for <strong>{state.result.email}</strong>, a link to reset its
          password is on its way.
        </p>
        {devMailbox ? (
          <p>
            This server does not send real email.{' '}
            <Link href={devMailboxPath(state.result.email)}>Open the dev mailbox</Link>.
          </p>
        ) : null}
      </section>
    );
  }

  return (
    <form action={action} className="form" aria-label="Request a password reset link">
      <FormAlert message={state.formError} />
      <TextField
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values.email ?? ''}
        error={state.fieldErrors.email}
      />
      <SubmitButton label="Send reset link" pendingLabel="Sending…" />
    </form>
  );
}
