import { z } from 'zod';
import type { GraphqlClient } from '@/lib/graphql-client';
import {
  auditLogEntrySchema,
  connectionSchema,
  type AuditLogEntry,
  type PageInfo,
} from '@/lib/identity-schemas';

export const AUDIT_LOG_QUERY = /* GraphQL */ `
  query AuditLog($first: Int!, $after: String) {
    viewer {
      organization {
        id
        auditLog(first: $first, after: $after) {
          edges {
            node {
              id
              action
              actor
              targetType
              targetId
              ip
              metadata
              createdAt
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

const auditLogDataSchema = z.object({
  viewer: z
    .object({
      organization: z.object({ auditLog: connectionSchema(auditLogEntrySchema) }).nullable(),
    })
    .nullable(),
});

export interface AuditLogPage {
  entries: AuditLogEntry[];
  pageInfo: PageInfo;
}

/** One page of the current organization's audit log, newest first; null when signed out or in none. */
export async function getAuditLog(
  { first, after }: { first: number; after?: string | undefined },
  client: GraphqlClient,
): Promise<AuditLogPage | null> {
  const data = await client.request(
    {
      query: AUDIT_LOG_QUERY,
      operationName: 'AuditLog',
      variables: { first, after: after ?? null },
    },
    auditLogDataSchema,
  );
  const organization = data.viewer?.organization;
  if (!organization) return null;
  const { nodes, pageInfo } = organization.auditLog;
  return { entries: nodes, pageInfo };
}
