/** API key mutations: create (the only time the secret is seen) and revoke. */
import { z } from 'zod';
import type { ApiKeyScope } from '@/lib/generated/graphql';
import type { GraphqlClient } from '@/lib/graphql-client';
import { apiKeySchema, type ApiKey } from '@/lib/identity-schemas';
import { API_KEY_FIELDS } from '@/lib/queries/get-api-keys';

export const CREATE_API_KEY_MUTATION = /* GraphQL */ `
  ${API_KEY_FIELDS}
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      apiKey {
        ...ApiKeyFields
      }
      secret
    }
  }
`;

export const REVOKE_API_KEY_MUTATION = /* GraphQL */ `
  ${API_KEY_FIELDS}
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      apiKey {
        ...ApiKeyFields
      }
    }
  }
`;

export interface CreateApiKeyInput {
  name: string;
  scopes: ApiKeyScope[];
  /** ISO-8601 */
  expiresAt: string | null;
  /** integer micro-units, as a decimal string (BigInt scalar) */
  monthlySpendLimitMicros: string | null;
  rateLimitPerMinute: number | null;
}

export interface CreatedApiKey {
  apiKey: ApiKey;
  /** The full key: shown once, never stored by the portal. */
  secret: string;
}

export async function createApiKey(
  input: CreateApiKeyInput,
  client: GraphqlClient,
): Promise<CreatedApiKey> {
  const data = await client.request(
    { query: CREATE_API_KEY_MUTATION, operationName: 'CreateApiKey', variables: { input } },
    z.object({ createApiKey: z.object({ apiKey: apiKeySchema, secret: z.string().min(1) }) }),
  );
  return data.createApiKey;
}

export async function revokeApiKey(id: string, client: GraphqlClient): Promise<ApiKey> {
  const data = await client.request(
    { query: REVOKE_API_KEY_MUTATION, operationName: 'RevokeApiKey', variables: { id } },
    z.object({ revokeApiKey: z.object({ apiKey: apiKeySchema }) }),
  );
  return data.revokeApiKey.apiKey;
}
