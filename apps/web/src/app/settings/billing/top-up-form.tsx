'use client';

import { useActionState } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { IDLE_FORM_STATE, type FormState } from '@/lib/forms/form-state';
import { topUpAction } from './actions';

/** Amount in USD; the action sends the browser on to Stripe Checkout. */
export function TopUpForm() {
  const [state, action] = useActionState<FormState, FormData>(topUpAction, IDLE_FORM_STATE);
  return (
    <form action={action} className="form" aria-labelledby="top-up-heading">
      <h2 id="top-up-heading">Add credit</h2>
      <FormAlert message={state.formError} />
      <TextField
        name="amount"
        label="Amount (USD)"
        required
        inputMode="decimal"
        placeholder="25.00"
        hint="Between $1.00 and $10,000.00. You pay on Stripe's page; the credit appears once Stripe confirms."
        defaultValue={state.values.amount ?? ''}
        error={state.fieldErrors.amount}
      />
      <SubmitButton label="Continue to payment" pendingLabel="Opening checkout…" />
    </form>
  );
}
