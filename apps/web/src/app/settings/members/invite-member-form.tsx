'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { RoleSelect } from '@/components/forms/role-select';
import { SubmitButton } from '@/components/forms/submit-button';
import { TextField } from '@/components/forms/text-field';
import { devMailboxPath } from '@/lib/dev-mailbox-path';
import { IDLE_FORM_STATE, type FormState } from '@/lib/forms/form-state';
import { inviteMemberAction } from './actions';

export function InviteMemberForm({ devMailbox }: { devMailbox: boolean }) {
  const [state, action] = useActionState<FormState<{ email: string }>, FormData>(
    inviteMemberAction,
    IDLE_FORM_STATE,
  );
  const roleError = state.fieldErrors.role;
  return (
    <form action={action} className="form" aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite a member</h2>
      {state.status === 'success' && state.result ? (
        <div className="form-alert form-alert--success" role="status">
          Invitation sent to <strong>{state.result.email}</strong>.
          {devMailbox ? (
            <>
              {' '}
              <Link href={devMailboxPath(state.result.email)}>Open the dev mailbox</Link>
            </>
          ) : null}
        </div>
      ) : null}
      <FormAlert message={state.formError} />
      <TextField
        name="email"
        id="invite-email"
        label="Email"
        type="email"
        autoComplete="off"
        required
        defaultValue={state.status === 'success' ? '' : (state.values.email ?? '')}
        error={state.fieldErrors.email}
      />
      <div className={roleError ? 'field field--invalid' : 'field'}>
        <label htmlFor="invite-role" className="field__label">
          Role
        </label>
        <RoleSelect
          id="invite-role"
          defaultValue={state.values.role ?? 'DEVELOPER'}
          describedBy={roleError ? 'invite-role-error' : undefined}
          invalid={Boolean(roleError)}
        />
        {roleError ? (
          <p id="invite-role-error" className="field__error">
            {roleError}
          </p>
        ) : null}
      </div>
      <SubmitButton label="Send invitation" pendingLabel="Sending…" />
    </form>
  );
}
