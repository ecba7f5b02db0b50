/** Replaces the organization's webhook signing secret (audited by the api). */
import { z } from 'zod';
import type { GraphqlClient } from '@/lib/graphql-client';

export const ROTATE_WEBHOOK_SECRET_MUTATION = /* GraphQL */ `
  mutation RotateWebhookSigningSecret {
    rotateWebhookSigningSecret
  }
`;

export async function rotateWebhookSecret(client: GraphqlClient): Promise<void> {
  await client.request(
    {
      query: ROTATE_WEBHOOK_SECRET_MUTATION,
      operationName: 'RotateWebhookSigningSecret',
      variables: {},
    },
    z.object({ rotateWebhookSigningSecret: z.string() }),
  );
}
