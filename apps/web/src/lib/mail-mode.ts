/**
 * Whether the api keeps email in its dev mailbox (no SMTP configured), so pages can point to
 * /dev/mailbox after sending a link. An api that cannot say counts as "no".
 */
import { isApiError } from '@/lib/api-error';
import { graphqlClient } from '@/lib/graphql-client';
import { getMailMode } from '@/lib/queries/get-dev-mailbox';

export async function usesDevMailbox(): Promise<boolean> {
  try {
    return (await getMailMode(graphqlClient)) === 'dev-mailbox';
  } catch (error) {
    if (!isApiError(error)) throw error;
    return false;
  }
}
