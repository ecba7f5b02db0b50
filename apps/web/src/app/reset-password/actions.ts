'use server';

import { formStateFromError } from '@/lib/forms/api-form-errors';
import {
  formInvalid,
  formSuccess,
  readRaw,
  readText,
  type FormState,
} from '@/lib/forms/form-state';
import { resetPassword } from '@/lib/mutations/account';
import { anonymousGraphqlClient } from '@/lib/portal-api';
import { MIN_PASSWORD_LENGTH } from '@/lib/password-rules';

const INVALID_LINK =
  'This reset link is invalid, was already used or has expired. Ask for a new one.';

export async function resetPasswordAction(
  _previous: FormState<true>,
  formData: FormData,
): Promise<FormState<true>> {
  const token = readText(formData, 'token');
  const password = readRaw(formData, 'password');
  const confirmation = readRaw(formData, 'passwordConfirmation');
  if (!token) return formInvalid({}, {}, INVALID_LINK);

  const fieldErrors: Record<string, string> = {};
  if (password.length < MIN_PASSWORD_LENGTH)
    fieldErrors.password = `Use at least ${MIN_PASSWORD_LENGTH} characters`;
  else if (confirmation !== password) fieldErrors.passwordConfirmation = 'The two passwords differ';
  if (Object.keys(fieldErrors).length > 0) return formInvalid(fieldErrors, {});

  try {
    await resetPassword({ token, password }, await anonymousGraphqlClient());
    return formSuccess(true as const);
  } catch (error) {
    return formStateFromError(
      error,
      {},
      {
        fields: ['password'],
        messages: { NOT_FOUND: INVALID_LINK, UNAUTHENTICATED: INVALID_LINK },
      },
    );
  }
}
