'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { IDLE_FORM_STATE, type FormState } from '@/lib/forms/form-state';
import { MIN_PASSWORD_LENGTH } from '@/lib/password-rules';
import { resetPasswordAction } from './actions';

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, action] = useActionState<FormState<true>, FormData>(
    resetPasswordAction,
    IDLE_FORM_STATE,
  );

  if (state.status === 'success') {
    return (
      <section className="notice notice--success" role="status">
        <p>Your password is changed.</p>
        <p>
          <Link href="/signin">Sign in with it</Link>
        </p>
      </section>
    );
  }

  return (
    <form action={action} className="form" aria-label="Choose a new password">
      <FormAlert message={state.formError} />
      {state.formError ? (
        <p>
          <Link href="/forgot-password">Ask for a new link</Link>
        </p>
      ) : null}
      <input type="hidden" name="token" value={token} />
      <TextField
        name="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        minLength={MIN_PASSWORD_LENGTH}
        hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
        error={state.fieldErrors.password}
      />
      <TextField
        name="passwordConfirmation"
        label="New password, again"
        type="password"
        autoComplete="new-password"
        required
        error={state.fieldErrors.passwordConfirmation}
      />
      <SubmitButton label="Change password" pendingLabel="Changing…" />
    </form>
  );
}
