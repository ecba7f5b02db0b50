'use client';

import { useActionState } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { IDLE_FORM_STATE, type FormState } from '@/lib/forms/form-state';
import { createModelAction } from '../actions';
import { ModelCardFields } from '../model-card-fields';

export function CreateModelForm({ organizationSlug }: { organizationSlug: string }) {
  const [state, action] = useActionState<FormState, FormData>(createModelAction, IDLE_FORM_STATE);
  return (
    <form action={action} className="form" aria-labelledby="create-model-heading">
      <h2 id="create-model-heading">Create a model</h2>
      <FormAlert message={state.formError} />
      <ModelCardFields state={state} initial={{}} />
      <TextField
        name="slug"
        label="Slug"
        maxLength={63}
        pattern="[a-z0-9][a-z0-9\-]{0,62}"
        hint={
          <>
            Callers use <code>{organizationSlug}/&lt;slug&gt;</code>; it never changes. Lower-case
            letters, digits and hyphens. Left empty, it is made from the name.
          </>
        }
        defaultValue={state.values.slug ?? ''}
        error={state.fieldErrors.slug}
      />
      <SubmitButton label="Create model" pendingLabel="Creating model…" />
    </form>
  );
}
