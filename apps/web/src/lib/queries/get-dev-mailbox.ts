import { z } from 'zod';
import type { GraphqlClient } from '@/lib/graphql-client';
import { devEmailSchema, type DevEmail } from '@/lib/identity-schemas';

export const MAIL_MODE_QUERY = /* GraphQL */ `
  query MailMode {
    mailMode
  }
`;

export const DEV_MAILBOX_QUERY = /* GraphQL */ `
  query DevMailbox($email: String!) {
    devMailbox(email: $email) {
      to
      subject
      text
      createdAt
    }
  }
`;

/** How the api sends email: through SMTP, or into the dev mailbox the portal can show. */
export type MailMode = 'smtp' | 'dev-mailbox' | (string & {});

export async function getMailMode(client: GraphqlClient): Promise<MailMode> {
  const data = await client.request(
    { query: MAIL_MODE_QUERY, operationName: 'MailMode' },
    z.object({ mailMode: z.string() }),
  );
  return data.mailMode;
}

/** The messages the api "sent" to `email` while running without SMTP, newest first. */
export async function getDevMailbox(email: string, client: GraphqlClient): Promise<DevEmail[]> {
  const data = await client.request(
    { query: DEV_MAILBOX_QUERY, operationName: 'DevMailbox', variables: { email } },
    z.object({ devMailbox: z.array(devEmailSchema) }),
  );
  return [...data.devMailbox].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
