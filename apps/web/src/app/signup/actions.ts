'use server';

import { formStateFromError } from '@/lib/forms/api-form-errors';
import {
  formInvalid,
  formSuccess,
  isPlausibleEmail,
  readRaw,
  readText,
  type FormState,
} from '@/lib/forms/form-state';
import { signUp } from '@/lib/mutations/account';
import { anonymousGraphqlClient } from '@/lib/portal-api';
import { MIN_PASSWORD_LENGTH } from '@/lib/password-rules';

export interface SignUpResult {
  email: string;
}

export async function signUpAction(
  _previous: FormState<SignUpResult>,
  formData: FormData,
): Promise<FormState<SignUpResult>> {
  const name = readText(formData, 'name');
  const email = readText(formData, 'email');
  const password = readRaw(formData, 'password');
  const values = { name, email };

  const fieldErrors: Record<string, string> = {};
  if (name.length > 100) fieldErrors.name = 'Use at most 100 characters';
  if (!email) fieldErrors.email = 'Enter your email address';
  else if (!isPlausibleEmail(email))
    fieldErrors.email = 'Enter an email address like name@example.com';
  if (password.length < MIN_PASSWORD_LENGTH)
    fieldErrors.password = `Use at least ${MIN_PASSWORD_LENGTH} characters`;
  if (Object.keys(fieldErrors).length > 0) return formInvalid(fieldErrors, values);

  try {
    const user = await signUp(
      { email, password, name: name || undefined },
      await anonymousGraphqlClient(),
    );
    return formSuccess({ email: user.email }, values);
  } catch (error) {
    return formStateFromError(error, values, {
      fields: ['name', 'email', 'password'],
      messages: { CONFLICT: 'An account with this email already exists. Sign in instead.' },
    });
  }
}
