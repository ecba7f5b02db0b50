'use client';

import { useActionState } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { IDLE_FORM_STATE, type FormState } from '@/lib/forms/form-state';
import { createOrganizationAction } from './actions';

export function CreateOrganizationForm() {
  const [state, action] = useActionState<FormState, FormData>(
    createOrganizationAction,
    IDLE_FORM_STATE,
  );
  return (
    <form action={action} className="form" aria-label="Create an organization">
      <FormAlert message={state.formError} />
      <TextField
        name="name"
        label="Name"
        required
        maxLength={100}
        autoComplete="organization"
        defaultValue={state.values.name ?? ''}
        error={state.fieldErrors.name}
      />
      <TextField
        name="slug"
        label="Slug"
        required
        maxLength={100}
        autoCapitalize="none"
        spellCheck={false}
        pattern="[A-Za-z0-9][A-Za-z0-9._\-]*"
        hint={
          <>
            The handle in model references, <code>slug/model</code>: lowercase letters, digits and
            dashes work everywhere.
          </>
        }
        defaultValue={state.values.slug ?? ''}
        error={state.fieldErrors.slug}
      />
      <SubmitButton label="Create organization" pendingLabel="Creating…" />
    </form>
  );
}
