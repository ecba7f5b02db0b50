'use client';

import { useActionState } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { SelectField } from '@/components/forms/select-field';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { IDLE_FORM_STATE, type FormState } from '@/lib/forms/form-state';
import { PRICE_UNITS } from '@/lib/publishing/price-form';
import { setDraftPriceAction } from '../actions';

/** The price a draft publishes at; the api keeps it with the draft until publication. */
export function DraftPriceForm({
  versionId,
  version,
  modelSlug,
  initial,
}: {
  versionId: string;
  version: string;
  modelSlug: string;
  initial: { unit: string; amount: string; freeAllowance: string };
}) {
  const [state, action] = useActionState<FormState<string>, FormData>(
    setDraftPriceAction,
    IDLE_FORM_STATE,
  );
  const value = (name: keyof typeof initial) => state.values[name] ?? initial[name];
  const idPrefix = `price-${version}`;
  return (
    <form action={action} className="form" aria-label={`Price of version ${version}`}>
      <input type="hidden" name="id" value={versionId} />
      <input type="hidden" name="slug" value={modelSlug} />
      <FormAlert message={state.formError} />
      <FormAlert message={state.status === 'success' ? state.result : undefined} tone="success" />
      <div className="field-row">
        <SelectField
          id={`${idPrefix}-unit`}
          name="unit"
          label="Price unit"
          options={PRICE_UNITS}
          defaultValue={value('unit')}
          error={state.fieldErrors.unit}
        />
        <TextField
          id={`${idPrefix}-amount`}
          name="amount"
          label="Price (USD)"
          required
          inputMode="decimal"
          placeholder="e.g. 0.001"
          hint="Per unit; up to 6 decimals. 0 makes it free."
          defaultValue={value('amount')}
          error={state.fieldErrors.amount}
        />
        <TextField
          id={`${idPrefix}-free`}
          name="freeAllowance"
          label="Free units a month"
          inputMode="numeric"
          hint="Per calling organization."
          defaultValue={value('freeAllowance')}
          error={state.fieldErrors.freeAllowance}
        />
      </div>
      <SubmitButton label="Set price" pendingLabel="Saving price…" variant="secondary" />
    </form>
  );
}
