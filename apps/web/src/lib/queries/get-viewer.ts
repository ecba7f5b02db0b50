import { z } from 'zod';
import type { GraphqlClient } from '@/lib/graphql-client';
import { viewerSchema, type Viewer } from '@/lib/identity-schemas';

export const ORGANIZATION_SUMMARY_FIELDS = /* GraphQL */ `
  fragment OrganizationSummaryFields on Organization {
    id
    slug
    name
    personal
  }
`;

export const VIEWER_QUERY = /* GraphQL */ `
  ${ORGANIZATION_SUMMARY_FIELDS}
  query Viewer {
    viewer {
      user {
        id
        email
        name
        emailVerified
      }
      role
      permissions
      organization {
        ...OrganizationSummaryFields
      }
      organizations {
        id
        role
        organization {
          ...OrganizationSummaryFields
        }
      }
    }
  }
`;

const viewerDataSchema = z.object({ viewer: viewerSchema.nullable() });

/** The signed-in person, their current organization and permissions; null when not signed in. */
export async function getViewer(client: GraphqlClient): Promise<Viewer | null> {
  const data = await client.request(
    { query: VIEWER_QUERY, operationName: 'Viewer' },
    viewerDataSchema,
  );
  return data.viewer;
}
