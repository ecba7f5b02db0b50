/**
 * For the settings pages of the current organization: the viewer, or a redirect to /signin that
 * comes back. An api failure is returned (not thrown) so the page can show it.
 */
import { redirect } from 'next/navigation';
import type { ApiError } from '@/lib/api-error';
import { getApiContext, type ApiContext } from '@/lib/portal-api';
import { signInPath } from '@/lib/return-path';
import { getSession } from './session';

type Viewer = NonNullable<ApiContext['viewer']>;

/** A signed-in person acting in an organization. */
export type SignedInContext = ApiContext & {
  viewer: Viewer & { organization: NonNullable<Viewer['organization']> };
};

export async function requireViewer(
  returnTo: string,
): Promise<SignedInContext | { error: ApiError }> {
  const session = await getSession();
  if (!session) redirect(signInPath(returnTo));
  const context = await getApiContext();
  if (context.viewer) {
    // Someone who belongs to no organization (left them all) can only create one.
    if (!context.viewer.organization) redirect('/settings/organizations/new');
    return context as SignedInContext;
  }
  if (context.viewerError) return { error: context.viewerError };
  // Signed in for the portal, but the api does not accept the session (expired, secret changed).
  redirect(signInPath(returnTo, 'SessionExpired'));
}
