'use client';

import { useActionState } from 'react';
import { signInAction } from '@/auth/auth-actions';
import { FormAlert } from '@/components/forms/form-alert';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { IDLE_FORM_STATE, type FormState } from '@/lib/forms/form-state';

interface SignInFormProps {
  callbackUrl: string;
  /** A failure reported through `?error=` (next-auth's redirect, an expired session). */
  initialError: string | undefined;
}

export function SignInForm({ callbackUrl, initialError }: SignInFormProps) {
  const [state, action] = useActionState<FormState, FormData>(signInAction, IDLE_FORM_STATE);
  const formError = state.status === 'idle' ? initialError : state.formError;
  return (
    <form action={action} className="form" aria-label="Sign in with email and password">
      <FormAlert message={formError} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
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
        autoComplete="current-password"
        required
        error={state.fieldErrors.password}
      />
      <SubmitButton label="Sign in" pendingLabel="Signing in…" />
    </form>
  );
}
