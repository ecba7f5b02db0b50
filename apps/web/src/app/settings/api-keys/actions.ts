'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { parseApiKeyForm } from '@/lib/forms/api-key-form';
import { formStateFromError } from '@/lib/forms/api-form-errors';
import { formInvalid, formSuccess, readText, type FormState } from '@/lib/forms/form-state';
import { createApiKey, revokeApiKey } from '@/lib/mutations/api-keys';
import { sessionGraphqlClient } from '@/lib/portal-api';

const PAGE = '/settings/api-keys';

export interface NewApiKey {
  name: string;
  prefix: string;
  /** Shown once, in this action's answer only; the portal keeps it nowhere. */
  secret: string;
}

export async function createApiKeyAction(
  _previous: FormState<NewApiKey>,
  formData: FormData,
): Promise<FormState<NewApiKey>> {
  const parsed = parseApiKeyForm(formData);
  if (!parsed.ok) return formInvalid(parsed.fieldErrors, parsed.values);
  try {
    const created = await createApiKey(parsed.input, await sessionGraphqlClient());
    revalidatePath(PAGE);
    return formSuccess({
      name: created.apiKey.name,
      prefix: created.apiKey.prefix,
      secret: created.secret,
    });
  } catch (error) {
    return formStateFromError(error, parsed.values, {
      fields: ['name', 'scopes', 'expiresOn', 'monthlySpendLimit'],
      fieldAliases: { expiresAt: 'expiresOn', monthlySpendLimitMicros: 'monthlySpendLimit' },
    });
  }
}

export async function revokeApiKeyAction(
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const id = readText(formData, 'id');
  if (!id) return formInvalid({}, {}, 'Choose the key to revoke.');
  try {
    await revokeApiKey(id, await sessionGraphqlClient());
  } catch (error) {
    return formStateFromError(
      error,
      {},
      {
        fields: [],
        messages: { NOT_FOUND: 'This key does not exist in the current organization.' },
      },
    );
  }
  revalidatePath(PAGE);
  redirect(`${PAGE}?${new URLSearchParams({ revoked: id }).toString()}`);
}
