'use client';

import { useActionState } from 'react';
import { RoleSelect } from '@/components/forms/role-select';
import { SubmitButton } from '@/components/forms/submit-button';
import { IDLE_FORM_STATE, type FormState } from '@/lib/forms/form-state';
import { updateMemberRoleAction } from './actions';

/** One member's role, changeable in place; the api refuses what the person may not do. */
export function MemberRoleForm({
  membershipId,
  role,
  memberLabel,
}: {
  membershipId: string;
  role: string;
  memberLabel: string;
}) {
  const [state, action] = useActionState<FormState<{ role: string }>, FormData>(
    updateMemberRoleAction,
    IDLE_FORM_STATE,
  );
  const selectId = `role-${membershipId}`;
  const messageId = `${selectId}-message`;
  const message =
    state.status === 'error' ? state.formError : state.status === 'success' ? 'Saved' : undefined;
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="membershipId" value={membershipId} />
      <label htmlFor={selectId} className="visually-hidden">
        Role of {memberLabel}
      </label>
      <RoleSelect
        id={selectId}
        defaultValue={state.values.role ?? role}
        describedBy={message ? messageId : undefined}
        invalid={state.status === 'error'}
      />
      <SubmitButton label="Change" pendingLabel="Saving…" variant="secondary" small />
      {message ? (
        <span
          id={messageId}
          className={state.status === 'error' ? 'field__error' : 'muted'}
          role={state.status === 'error' ? 'alert' : 'status'}
        >
          {message}
        </span>
      ) : null}
    </form>
  );
}
