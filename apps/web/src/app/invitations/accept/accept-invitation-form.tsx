'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { SubmitButton } from '@/components/forms/submit-button';
import { IDLE_FORM_STATE, type FormState } from '@/lib/forms/form-state';
import { roleLabel } from '@/lib/permissions';
import { acceptInvitationAction, type AcceptedInvitation } from './actions';

export function AcceptInvitationForm({ token }: { token: string }) {
  const [state, action] = useActionState<FormState<AcceptedInvitation>, FormData>(
    acceptInvitationAction,
    IDLE_FORM_STATE,
  );

  if (state.status === 'success' && state.result) {
    return (
      <section className="notice notice--success" role="status">
        <p>
          You joined <strong>{state.result.organizationName}</strong> as{' '}
          {roleLabel(state.result.role)}. It is now your current organization.
        </p>
        <p>
          <Link href="/settings">Go to its settings</Link>
        </p>
      </section>
    );
  }

  return (
    <form action={action} className="form" aria-label="Accept the invitation">
      <FormAlert message={state.formError} />
      <input type="hidden" name="token" value={token} />
      <SubmitButton label="Accept invitation" pendingLabel="Accepting…" />
    </form>
  );
}
