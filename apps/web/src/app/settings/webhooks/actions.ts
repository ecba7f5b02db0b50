'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { formStateFromError } from '@/lib/forms/api-form-errors';
import type { FormState } from '@/lib/forms/form-state';
import { rotateWebhookSecret } from '@/lib/mutations/webhooks';
import { sessionGraphqlClient } from '@/lib/portal-api';

const PAGE = '/settings/webhooks';

export async function rotateWebhookSecretAction(): Promise<FormState> {
  try {
    await rotateWebhookSecret(await sessionGraphqlClient());
  } catch (error) {
    return formStateFromError(error, {}, { fields: [] });
  }
  revalidatePath(PAGE);
  redirect(`${PAGE}?rotated=1`);
}
