'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { setOrganizationCookie } from '@/auth/portal-cookies';
import { formStateFromError } from '@/lib/forms/api-form-errors';
import { formInvalid, readText, type FormState } from '@/lib/forms/form-state';
import { createOrganization } from '@/lib/mutations/organizations';
import { sessionGraphqlClient } from '@/lib/portal-api';
import { isValidSlug } from '@/lib/slug';

export async function createOrganizationAction(
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const name = readText(formData, 'name');
  const slug = readText(formData, 'slug').toLowerCase();
  const values = { name, slug };
  const fieldErrors: Record<string, string> = {};
  if (!name) fieldErrors.name = 'Enter a name';
  else if (name.length > 100) fieldErrors.name = 'Use at most 100 characters';
  if (!slug) fieldErrors.slug = 'Enter a slug';
  else if (!isValidSlug(slug))
    fieldErrors.slug =
      'Use letters, digits, dots, dashes and underscores, starting with a letter or digit';
  if (Object.keys(fieldErrors).length > 0) return formInvalid(fieldErrors, values);

  let created: string;
  try {
    created = (await createOrganization({ slug, name }, await sessionGraphqlClient())).slug;
  } catch (error) {
    return formStateFromError(error, values, { fields: ['name', 'slug'] });
  }
  // A new organization is where its creator wants to work next.
  setOrganizationCookie(await cookies(), created);
  redirect('/settings');
}
