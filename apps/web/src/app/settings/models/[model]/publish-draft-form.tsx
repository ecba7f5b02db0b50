'use client';

import { useActionState } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { SubmitButton } from '@/components/forms/submit-button';
import { IDLE_FORM_STATE, type FormState } from '@/lib/forms/form-state';
import { publishVersionAction } from '../actions';

/** DRAFT -> PUBLISHED at the draft's price; the version is immutable afterwards. */
export function PublishDraftForm({
  versionId,
  version,
  modelSlug,
  hasPrice,
}: {
  versionId: string;
  version: string;
  modelSlug: string;
  hasPrice: boolean;
}) {
  const [state, action] = useActionState<FormState, FormData>(
    publishVersionAction,
    IDLE_FORM_STATE,
  );
  return (
    <form action={action} className="form" aria-label={`Publish version ${version}`}>
      <input type="hidden" name="id" value={versionId} />
      <input type="hidden" name="slug" value={modelSlug} />
      <FormAlert message={state.formError} />
      <p className="muted">
        {hasPrice
          ? 'Publishing makes this version callable at its price. Its file, signature and price can no longer change.'
          : 'Set a price first: a version is published at the price of its draft.'}
      </p>
      <SubmitButton label={`Publish ${version}`} pendingLabel="Publishing…" />
    </form>
  );
}
