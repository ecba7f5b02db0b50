'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { SubmitButton } from '@/components/forms/submit-button';
import { IDLE_FORM_STATE, type FormState } from '@/lib/forms/form-state';
import { revokeApiKeyAction } from './actions';

/** The confirmation step of revoking a key: says what happens, then a button and a way out. */
export function RevokeApiKeyForm({ id, label }: { id: string; label: string }) {
  const [state, action] = useActionState<FormState, FormData>(revokeApiKeyAction, IDLE_FORM_STATE);
  return (
    <section className="notice notice--warning" aria-labelledby="revoke-heading">
      <h2 id="revoke-heading" className="notice__title">
        Revoke {label}?
      </h2>
      <p>
        Every call made with it fails from now on. This cannot be undone; a new key has a new
        secret.
      </p>
      <form action={action} className="button-row">
        <FormAlert message={state.formError} />
        <input type="hidden" name="id" value={id} />
        <SubmitButton label="Revoke key" pendingLabel="Revoking…" variant="danger" />
        <Link href="/settings/api-keys">Cancel</Link>
      </form>
    </section>
  );
}
