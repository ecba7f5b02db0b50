'use server';

/**
 * Sign in, sign out and switch organization as Server Actions, so the forms work without client
 * JavaScript. Password sign-in runs the same check as next-auth's Credentials provider (the api's
 * signInWithPassword) and writes the same session cookie next-auth would, through next-auth/jwt.
 */
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { ORGANIZATION_COOKIE } from '@/lib/api-forwarding';
import { formStateFromError } from '@/lib/forms/api-form-errors';
import {
  formInvalid,
  isPlausibleEmail,
  readRaw,
  readText,
  type FormState,
} from '@/lib/forms/form-state';
import { signInWithPassword } from '@/lib/mutations/account';
import { anonymousGraphqlClient, getApiContext } from '@/lib/portal-api';
import { returnPathFromReferer, safeReturnPath } from '@/lib/return-path';
import { AuthConfigError, requireAuthSecret } from './auth-options';
import {
  clearCookie,
  clearSessionCookies,
  setOrganizationCookie,
  setSessionCookie,
} from './portal-cookies';
import { WRONG_CREDENTIALS_MESSAGE } from './sign-in-error';
import { encodeSessionToken, sessionUserOf } from './session-token';

export async function signInAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const email = readText(formData, 'email');
  const password = readRaw(formData, 'password');
  const returnTo = safeReturnPath(readText(formData, 'callbackUrl'));
  const values = { email };

  const fieldErrors: Record<string, string> = {};
  if (!email) fieldErrors.email = 'Enter your email address';
  else if (!isPlausibleEmail(email))
    fieldErrors.email = 'Enter an email address like name@example.com';
  if (!password) fieldErrors.password = 'Enter your password';
  if (Object.keys(fieldErrors).length > 0) return formInvalid(fieldErrors, values);

  let secret: string;
  try {
    secret = requireAuthSecret();
  } catch (error) {
    if (!(error instanceof AuthConfigError)) throw error;
    return formInvalid({}, values, error.message);
  }

  let token: string;
  try {
    const user = await signInWithPassword({ email, password }, await anonymousGraphqlClient());
    token = await encodeSessionToken(sessionUserOf(user), secret);
  } catch (error) {
    return formStateFromError(error, values, {
      fields: ['email', 'password'],
      messages: { UNAUTHENTICATED: WRONG_CREDENTIALS_MESSAGE },
    });
  }

  const store = await cookies();
  // Someone else may have signed in on this browser before: their organization is not ours.
  clearCookie(store, ORGANIZATION_COOKIE);
  setSessionCookie(store, token);
  redirect(returnTo);
}

/** Signing out of a JWT session is forgetting the cookie: there is no server-side session to end. */
export async function signOutAction(): Promise<void> {
  clearSessionCookies(await cookies());
  redirect('/');
}

/**
 * Remembers the organization to act in (only one of the person's own) and goes back to the page
 * the switcher was used on.
 */
export async function switchOrganizationAction(formData: FormData): Promise<void> {
  const slug = readText(formData, 'organization');
  const requestHeaders = await headers();
  const returnTo =
    returnPathFromReferer(requestHeaders.get('referer'), requestHeaders.get('host')) ?? '/';
  const { viewer } = await getApiContext();
  if (viewer?.organizations.some((m) => m.organization.slug === slug)) {
    setOrganizationCookie(await cookies(), slug);
  }
  redirect(returnTo);
}
