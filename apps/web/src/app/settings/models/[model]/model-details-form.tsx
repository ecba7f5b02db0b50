'use client';

import { useActionState } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { SubmitButton } from '@/components/forms/submit-button';
import { IDLE_FORM_STATE, type FormState } from '@/lib/forms/form-state';
import { updateModelAction } from '../actions';
import { ModelCardFields } from '../model-card-fields';

/** Edits the card, tags, license and visibility; the slug never changes. */
export function ModelDetailsForm({
  modelId,
  modelSlug,
  initial,
}: {
  modelId: string;
  modelSlug: string;
  initial: Record<string, string>;
}) {
  const [state, action] = useActionState<FormState<string>, FormData>(
    updateModelAction,
    IDLE_FORM_STATE,
  );
  return (
    <form action={action} className="form" aria-labelledby="details-heading">
      <h2 id="details-heading">Details</h2>
      <input type="hidden" name="id" value={modelId} />
      <input type="hidden" name="slug" value={modelSlug} />
      <FormAlert message={state.formError} />
      <FormAlert message={state.status === 'success' ? state.result : undefined} tone="success" />
      <ModelCardFields state={state} initial={initial} />
      <SubmitButton label="Save details" pendingLabel="Saving…" />
    </form>
  );
}
