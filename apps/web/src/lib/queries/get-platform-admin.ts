import { z } from 'zod';
import type { GraphqlClient } from '@/lib/graphql-client';
import {
  platformRunnerSchema,
  platformTenantPageSchema,
  type PlatformRunner,
  type PlatformTenantPage,
} from '@/lib/platform-admin-schemas';

export const IS_PLATFORM_ADMIN_QUERY = /* GraphQL */ `
  query IsPlatformAdmin {
    isPlatformAdmin
  }
`;

export const PLATFORM_RUNNERS_QUERY = /* GraphQL */ `
  query PlatformRunners {
    platformRunners {
      id
      name
      url
      status
      capabilities
      startedAt
      lastHeartbeatAt
      reachable
      unreachableReason
      rssBytes
      loadedModelsMemoryBytes
      memoryBudgetBytes
      models {
        modelVersionId
        model
        version
        state
        error
        updatedAt
        queueDepth
        instances
        busyInstances
        memoryBytes
      }
    }
  }
`;

export const PLATFORM_TENANTS_QUERY = /* GraphQL */ `
  query PlatformTenants($first: Int!, $after: String) {
    platformTenants(first: $first, after: $after) {
      totalCount
      hasNextPage
      endCursor
      tenants {
        id
        slug
        name
        personal
        billingMode
        createdAt
        memberCount
        balanceMicros
        callsLast30Days
      }
    }
  }
`;

/** Whether the signed-in person is a platform administrator (false for everyone else). */
export async function getIsPlatformAdmin(client: GraphqlClient): Promise<boolean> {
  const data = await client.request(
    { query: IS_PLATFORM_ADMIN_QUERY, operationName: 'IsPlatformAdmin' },
    z.object({ isPlatformAdmin: z.boolean() }),
  );
  return data.isPlatformAdmin;
}

export async function getPlatformRunners(client: GraphqlClient): Promise<PlatformRunner[]> {
  const data = await client.request(
    { query: PLATFORM_RUNNERS_QUERY, operationName: 'PlatformRunners' },
    z.object({ platformRunners: z.array(platformRunnerSchema) }),
  );
  return data.platformRunners;
}

export async function getPlatformTenants(
  { first, after }: { first: number; after?: string | undefined },
  client: GraphqlClient,
): Promise<PlatformTenantPage> {
  const data = await client.request(
    {
      query: PLATFORM_TENANTS_QUERY,
      operationName: 'PlatformTenants',
      variables: { first, after: after ?? null },
    },
    z.object({ platformTenants: platformTenantPageSchema }),
  );
  return data.platformTenants;
}
