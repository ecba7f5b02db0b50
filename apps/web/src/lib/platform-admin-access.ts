/**
 * Whether to offer the platform admin pages to the person being served: asked of the api once
 * per request (the header and the page share it). Only a hint for the navigation; the api
 * refuses the admin queries to everyone else anyway.
 */
import { unstable_rethrow } from 'next/navigation';
import { cache } from 'react';
import { isApiError } from '@/lib/api-error';
import { getApiContext } from '@/lib/portal-api';
import { getIsPlatformAdmin } from '@/lib/queries/get-platform-admin';

async function loadPlatformAdminAccess(): Promise<boolean> {
  const { viewer, client } = await getApiContext();
  if (!viewer?.user) return false;
  try {
    return await getIsPlatformAdmin(client);
  } catch (error) {
    unstable_rethrow(error);
    if (!isApiError(error)) throw error;
    // An api without the field (older) or a failure: no link; the page itself says what failed.
    return false;
  }
}

export const getPlatformAdminAccess = cache(loadPlatformAdminAccess);
