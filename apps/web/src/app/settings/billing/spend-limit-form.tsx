'use client';

import { useActionState } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { IDLE_FORM_STATE, type FormState } from '@/lib/forms/form-state';
import { spendLimitAction } from './actions';

/** The organization's monthly spend limit in USD; empty removes it. */
export function SpendLimitForm({ current }: { current: string }) {
  const [state, action] = useActionState<FormState, FormData>(spendLimitAction, IDLE_FORM_STATE);
  return (
    <form action={action} className="form" aria-labelledby="spend-limit-form-heading">
      <h3 id="spend-limit-form-heading">Change the limit</h3>
      <FormAlert message={state.formError} />
      <TextField
        name="limit"
        label="Monthly limit (USD)"
        inputMode="decimal"
        placeholder="500.00"
        hint="Calls that would go over it this month fail with SPEND_LIMIT_EXCEEDED. Leave empty for no limit."
        defaultValue={state.values.limit ?? current}
        error={state.fieldErrors.limit}
      />
      <SubmitButton label="Save limit" pendingLabel="Saving…" />
    </form>
  );
}
