import { z } from 'zod';
import type { GraphqlClient } from '@/lib/graphql-client';
import { apiKeySchema, connectionSchema, type ApiKey, type PageInfo } from '@/lib/identity-schemas';

export const API_KEY_FIELDS = /* GraphQL */ `
  fragment ApiKeyFields on ApiKey {
    id
    name
    prefix
    scopes
    expiresAt
    revokedAt
    lastUsedAt
    createdAt
    rateLimitPerMinute
    monthlySpendLimitMicros
  }
`;

export const API_KEYS_QUERY = /* GraphQL */ `
  ${API_KEY_FIELDS}
  query ApiKeys($first: Int!, $after: String) {
    viewer {
      organization {
        id
        apiKeys(first: $first, after: $after) {
          edges {
            node {
              ...ApiKeyFields
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
  }
`;

const apiKeysDataSchema = z.object({
  viewer: z
    .object({
      organization: z.object({ apiKeys: connectionSchema(apiKeySchema) }).nullable(),
    })
    .nullable(),
});

export interface ApiKeyPage {
  keys: ApiKey[];
  pageInfo: PageInfo;
}

/** One page of the current organization's API keys; null when signed out or in none. */
export async function getApiKeys(
  { first, after }: { first: number; after?: string | undefined },
  client: GraphqlClient,
): Promise<ApiKeyPage | null> {
  const data = await client.request(
    { query: API_KEYS_QUERY, operationName: 'ApiKeys', variables: { first, after: after ?? null } },
    apiKeysDataSchema,
  );
  const organization = data.viewer?.organization;
  if (!organization) return null;
  const { nodes, pageInfo } = organization.apiKeys;
  return { keys: nodes, pageInfo };
}
