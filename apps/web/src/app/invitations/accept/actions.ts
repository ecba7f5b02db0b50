'use server';

import { cookies } from 'next/headers';
import { setOrganizationCookie } from '@/auth/portal-cookies';
import { formStateFromError } from '@/lib/forms/api-form-errors';
import { formInvalid, formSuccess, readText, type FormState } from '@/lib/forms/form-state';
import { acceptInvitation } from '@/lib/mutations/organizations';
import { sessionGraphqlClient } from '@/lib/portal-api';

export interface AcceptedInvitation {
  organizationName: string;
  role: string;
}

const INVALID_INVITATION =
  'This invitation is invalid, was already used or has expired. Ask for a new one.';

export async function acceptInvitationAction(
  _previous: FormState<AcceptedInvitation>,
  formData: FormData,
): Promise<FormState<AcceptedInvitation>> {
  const token = readText(formData, 'token');
  if (!token) return formInvalid({}, {}, INVALID_INVITATION);
  try {
    const membership = await acceptInvitation(token, await sessionGraphqlClient());
    // Joining an organization is usually followed by working in it.
    setOrganizationCookie(await cookies(), membership.organization.slug);
    return formSuccess({
      organizationName: membership.organization.name,
      role: membership.role,
    });
  } catch (error) {
    return formStateFromError(
      error,
      {},
      {
        fields: [],
        messages: {
          NOT_FOUND: INVALID_INVITATION,
          UNAUTHENTICATED: 'Your session has ended. Sign in again, then open the link again.',
          FORBIDDEN: 'This invitation was sent to another email address. Sign in with that one.',
        },
      },
    );
  }
}
