'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { SubmitButton } from '@/components/forms/submit-button';
import { IDLE_FORM_STATE, type FormState } from '@/lib/forms/form-state';
import { rotateWebhookSecretAction } from './actions';

/** The confirmation step of rotating the secret: what breaks, then a button and a way out. */
export function RotateSecretForm() {
  const [state, action] = useActionState<FormState, FormData>(
    rotateWebhookSecretAction,
    IDLE_FORM_STATE,
  );
  return (
    <section className="notice notice--warning" aria-labelledby="rotate-heading">
      <h2 id="rotate-heading" className="notice__title">
        Rotate the signing secret?
      </h2>
      <p>
        Deliveries from now on are signed with a new secret; receivers that still check the old one
        reject them until you update them.
      </p>
      <form action={action} className="button-row">
        <FormAlert message={state.formError} />
        <SubmitButton label="Rotate secret" pendingLabel="Rotating…" variant="danger" />
        <Link href="/settings/webhooks">Cancel</Link>
      </form>
    </section>
  );
}
