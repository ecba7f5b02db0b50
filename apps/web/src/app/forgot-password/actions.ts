'use server';

import { formStateFromError } from '@/lib/forms/api-form-errors';
import {
  formInvalid,
  formSuccess,
  isPlausibleEmail,
  readText,
  type FormState,
} from '@/lib/forms/form-state';
import { requestPasswordReset } from '@/lib/mutations/account';
import { anonymousGraphqlClient } from '@/lib/portal-api';

export async function requestPasswordResetAction(
  _previous: FormState<{ email: string }>,
  formData: FormData,
): Promise<FormState<{ email: string }>> {
  const email = readText(formData, 'email');
  const values = { email };
  if (!email) return formInvalid({ email: 'Enter your email address' }, values);
  if (!isPlausibleEmail(email))
    return formInvalid({ email: 'Enter an email address like name@example.com' }, values);
  try {
    await requestPasswordReset(email, await anonymousGraphqlClient());
    return formSuccess({ email }, values);
  } catch (error) {
    return formStateFromError(error, values, { fields: ['email'] });
  }
}
