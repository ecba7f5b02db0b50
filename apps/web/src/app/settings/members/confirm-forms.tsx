'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { SubmitButton } from '@/components/forms/submit-button';
import { IDLE_FORM_STATE, type FormState } from '@/lib/forms/form-state';
import { leaveOrganizationAction, removeMemberAction } from './actions';

export function RemoveMemberForm({ membershipId, label }: { membershipId: string; label: string }) {
  const [state, action] = useActionState<FormState, FormData>(removeMemberAction, IDLE_FORM_STATE);
  return (
    <section className="notice notice--warning" aria-labelledby="remove-heading">
      <h2 id="remove-heading" className="notice__title">
        Remove {label}?
      </h2>
      <p>They lose access to this organization at once. You can invite them again later.</p>
      <form action={action} className="button-row">
        <FormAlert message={state.formError} />
        <input type="hidden" name="membershipId" value={membershipId} />
        <SubmitButton label="Remove member" pendingLabel="Removing…" variant="danger" />
        <Link href="/settings/members">Cancel</Link>
      </form>
    </section>
  );
}

export function LeaveOrganizationForm({
  organizationId,
  name,
}: {
  organizationId: string;
  name: string;
}) {
  const [state, action] = useActionState<FormState, FormData>(
    leaveOrganizationAction,
    IDLE_FORM_STATE,
  );
  return (
    <section className="notice notice--warning" aria-labelledby="leave-heading">
      <h2 id="leave-heading" className="notice__title">
        Leave {name}?
      </h2>
      <p>You lose access to its keys, models and settings until someone invites you again.</p>
      <form action={action} className="button-row">
        <FormAlert message={state.formError} />
        <input type="hidden" name="organizationId" value={organizationId} />
        <SubmitButton label="Leave organization" pendingLabel="Leaving…" variant="danger" />
        <Link href="/settings/members">Cancel</Link>
      </form>
    </section>
  );
}
