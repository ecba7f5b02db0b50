/**
 * Webhooks of the current organization: the signing secret (key managers only) and the recent
 * async predictions with the delivery attempts of their webhooks.
 */
import { z } from 'zod';
import type { GraphqlClient } from '@/lib/graphql-client';
import { connectionSchema } from '@/lib/identity-schemas';

export const WEBHOOK_SECRET_QUERY = /* GraphQL */ `
  query WebhookSigningSecret {
    webhookSigningSecret
  }
`;

export const ASYNC_PREDICTIONS_QUERY = /* GraphQL */ `
  query AsyncPredictions($first: Int!) {
    predictions(first: $first, mode: ASYNC) {
      edges {
        node {
          id
          status
          model
          createdAt
          completedAt
          costMicros
          currency
          webhook
          error {
            code
            message
          }
          webhookDeliveries {
            event
            attempt
            statusCode
            error
            succeeded
            createdAt
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

const deliverySchema = z.object({
  event: z.string(),
  attempt: z.number(),
  statusCode: z.number().nullable(),
  error: z.string().nullable(),
  succeeded: z.boolean(),
  createdAt: z.string(),
});

const asyncPredictionSchema = z.object({
  id: z.string(),
  status: z.string(),
  model: z.string().nullable(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  costMicros: z.string().nullable(),
  currency: z.string().nullable(),
  webhook: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  webhookDeliveries: z.array(deliverySchema),
});

export type AsyncPrediction = z.infer<typeof asyncPredictionSchema>;
export type WebhookDeliveryAttempt = z.infer<typeof deliverySchema>;

export async function getWebhookSecret(client: GraphqlClient): Promise<string> {
  const data = await client.request(
    { query: WEBHOOK_SECRET_QUERY, operationName: 'WebhookSigningSecret', variables: {} },
    z.object({ webhookSigningSecret: z.string().startsWith('whsec_') }),
  );
  return data.webhookSigningSecret;
}

export async function getAsyncPredictions(
  first: number,
  client: GraphqlClient,
): Promise<AsyncPrediction[]> {
  const data = await client.request(
    { query: ASYNC_PREDICTIONS_QUERY, operationName: 'AsyncPredictions', variables: { first } },
    z.object({ predictions: connectionSchema(asyncPredictionSchema) }),
  );
  return data.predictions.nodes;
}
