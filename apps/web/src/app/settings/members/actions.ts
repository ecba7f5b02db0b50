'use server';

import { revalidatePath } from 'next/cache';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { clearCookie } from '@/auth/portal-cookies';
import { ORGANIZATION_COOKIE } from '@/lib/api-forwarding';
import { formStateFromError } from '@/lib/forms/api-form-errors';
import {
  formInvalid,
  formSuccess,
  isPlausibleEmail,
  readText,
  type FormState,
} from '@/lib/forms/form-state';
import {
  inviteMember,
  leaveOrganization,
  removeMember,
  updateMemberRole,
} from '@/lib/mutations/organizations';
import { isRole } from '@/lib/permissions';
import { sessionGraphqlClient } from '@/lib/portal-api';

const PAGE = '/settings/members';

export async function inviteMemberAction(
  _previous: FormState<{ email: string }>,
  formData: FormData,
): Promise<FormState<{ email: string }>> {
  const email = readText(formData, 'email');
  const role = readText(formData, 'role');
  const values = { email, role };
  const fieldErrors: Record<string, string> = {};
  if (!email) fieldErrors.email = 'Enter the email address to invite';
  else if (!isPlausibleEmail(email))
    fieldErrors.email = 'Enter an email address like name@example.com';
  if (!isRole(role)) fieldErrors.role = 'Choose a role';
  if (Object.keys(fieldErrors).length > 0 || !isRole(role)) {
    return formInvalid(fieldErrors, values);
  }
  try {
    const invitation = await inviteMember({ email, role }, await sessionGraphqlClient());
    revalidatePath(PAGE);
    return formSuccess({ email: invitation.email }, { role });
  } catch (error) {
    return formStateFromError(error, values, {
      fields: ['email', 'role'],
      messages: { CONFLICT: 'This person is already a member or already invited.' },
    });
  }
}

export async function updateMemberRoleAction(
  _previous: FormState<{ role: string }>,
  formData: FormData,
): Promise<FormState<{ role: string }>> {
  const membershipId = readText(formData, 'membershipId');
  const role = readText(formData, 'role');
  if (!membershipId || !isRole(role)) return formInvalid({}, { role }, 'Choose a role.');
  try {
    const membership = await updateMemberRole({ membershipId, role }, await sessionGraphqlClient());
    revalidatePath(PAGE);
    return formSuccess({ role: membership.role }, { role: membership.role });
  } catch (error) {
    return formStateFromError(error, { role }, { fields: [] });
  }
}

export async function removeMemberAction(
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const membershipId = readText(formData, 'membershipId');
  if (!membershipId) return formInvalid({}, {}, 'Choose the member to remove.');
  try {
    await removeMember(membershipId, await sessionGraphqlClient());
  } catch (error) {
    return formStateFromError(error, {}, { fields: [] });
  }
  revalidatePath(PAGE);
  redirect(`${PAGE}?removed=1`);
}

export async function leaveOrganizationAction(
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const organizationId = readText(formData, 'organizationId');
  if (!organizationId) return formInvalid({}, {}, 'Choose the organization to leave.');
  try {
    await leaveOrganization(organizationId, await sessionGraphqlClient());
  } catch (error) {
    return formStateFromError(error, {}, { fields: [] });
  }
  // The organization this browser acted in is no longer ours: back to the personal one.
  clearCookie(await cookies(), ORGANIZATION_COOKIE);
  redirect('/settings');
}
