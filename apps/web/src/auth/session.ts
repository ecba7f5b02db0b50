/**
 * The signed-in person as the portal's server code sees them. Reading the session never throws:
 * without AUTH_SECRET, or with a cookie that does not decode, the visitor is simply signed out.
 */
import type { Session } from 'next-auth';
import { getServerSession } from 'next-auth/next';
import { redirect, unstable_rethrow } from 'next/navigation';
import { signInPath } from '@/lib/return-path';
import { AuthConfigError, getAuthOptions } from './auth-options';

let warnedAboutSecret = false;

export async function getSession(): Promise<Session | null> {
  let options;
  try {
    options = getAuthOptions();
  } catch (error) {
    if (!(error instanceof AuthConfigError)) throw error;
    if (!warnedAboutSecret) {
      warnedAboutSecret = true;
      console.error(`[auth] ${error.message}`);
    }
    return null;
  }
  try {
    return await getServerSession(options);
  } catch (error) {
    unstable_rethrow(error);
    console.error(`[auth] could not read the session: ${(error as Error).message}`);
    return null;
  }
}

/** The session, or a redirect to /signin that comes back to `returnTo`. */
export async function requireSession(returnTo: string): Promise<Session> {
  const session = await getSession();
  if (!session) redirect(signInPath(returnTo));
  return session;
}
