'use client';

import { useActionState } from 'react';
import { CodeBlock } from '@/components/code-block';
import { FormAlert } from '@/components/forms/form-alert';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { API_KEY_SCOPES } from '@/lib/forms/api-key-form';
import { IDLE_FORM_STATE, type FormState } from '@/lib/forms/form-state';
import { createApiKeyAction, type NewApiKey } from './actions';

/** Scopes ticked when the form first shows: calling models, which is what most keys are for. */
const DEFAULT_SCOPES = 'PREDICT';

export function CreateApiKeyForm({ today }: { today: string }) {
  const [state, action] = useActionState<FormState<NewApiKey>, FormData>(
    createApiKeyAction,
    IDLE_FORM_STATE,
  );
  const chosenScopes = new Set((state.values.scopes ?? DEFAULT_SCOPES).split(',').filter(Boolean));

  return (
    <>
      {state.status === 'success' && state.result ? <NewKeySecret created={state.result} /> : null}
      <form action={action} className="form" aria-labelledby="create-key-heading">
        <h2 id="create-key-heading">Create an API key</h2>
        <FormAlert message={state.formError} />
        <TextField
          name="name"
          label="Name"
          required
          maxLength={100}
          hint="What uses the key, e.g. “production server”."
          defaultValue={state.values.name ?? ''}
          error={state.fieldErrors.name}
        />
        <fieldset
          className={state.fieldErrors.scopes ? 'field field--invalid' : 'field'}
          aria-describedby={state.fieldErrors.scopes ? 'field-scopes-error' : undefined}
        >
          <legend className="field__label">Scopes</legend>
          <p className="field__hint">What the key may do. Give it no more than it needs.</p>
          <ul className="checkbox-list">
            {API_KEY_SCOPES.map((scope) => (
              <li key={scope.value}>
                <label className="checkbox">
                  <input
                    type="checkbox"
                    name="scopes"
                    value={scope.value}
                    defaultChecked={chosenScopes.has(scope.value)}
                  />
                  <span>
                    <strong>{scope.label}</strong>{' '}
                    <span className="muted">— {scope.description}</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
          {state.fieldErrors.scopes ? (
            <p id="field-scopes-error" className="field__error">
              {state.fieldErrors.scopes}
            </p>
          ) : null}
        </fieldset>
        <div className="field-row">
          <TextField
            name="expiresOn"
            label="Expires on"
            type="date"
            min={today}
            hint="The key stops working after this day (UTC)."
            defaultValue={state.values.expiresOn ?? ''}
            error={state.fieldErrors.expiresOn}
          />
          <TextField
            name="monthlySpendLimit"
            label="Monthly spend limit (USD)"
            inputMode="decimal"
            placeholder="e.g. 25.00"
            hint="Calls beyond it in a calendar month are refused."
            defaultValue={state.values.monthlySpendLimit ?? ''}
            error={state.fieldErrors.monthlySpendLimit}
          />
        </div>
        <SubmitButton label="Create key" pendingLabel="Creating key…" />
      </form>
    </>
  );
}

function NewKeySecret({ created }: { created: NewApiKey }) {
  return (
    <section className="notice notice--success secret-once" aria-labelledby="new-key-heading">
      <h2 id="new-key-heading" className="notice__title">
        API key “{created.name}” created
      </h2>
      <p role="alert" className="secret-once__warning">
        <strong>Copy the key now: it is shown only this once.</strong> Modelhub keeps only a hash of
        it. If you lose it, revoke the key and create a new one.
      </p>
      <CodeBlock label="API key" code={created.secret} />
      <p className="muted">
        Send it as <code>Authorization: Bearer {created.prefix}…</code> with every API call.
      </p>
    </section>
  );
}
