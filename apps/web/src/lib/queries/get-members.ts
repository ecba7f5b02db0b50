import { z } from 'zod';
import type { GraphqlClient } from '@/lib/graphql-client';
import {
  invitationSchema,
  memberSchema,
  type Invitation,
  type Member,
} from '@/lib/identity-schemas';

export const MEMBERS_QUERY = /* GraphQL */ `
  query Members {
    viewer {
      organization {
        id
        members {
          id
          role
          createdAt
          user {
            id
            email
            name
          }
        }
      }
    }
  }
`;

// A separate query: pending invitations need members.manage, the member list only members.read.
export const INVITATIONS_QUERY = /* GraphQL */ `
  query Invitations {
    viewer {
      organization {
        id
        invitations {
          id
          email
          role
          expiresAt
          createdAt
        }
      }
    }
  }
`;

/** The current organization's members; null when signed out or in none. */
export async function getMembers(client: GraphqlClient): Promise<Member[] | null> {
  const data = await client.request(
    { query: MEMBERS_QUERY, operationName: 'Members' },
    z.object({
      viewer: z
        .object({ organization: z.object({ members: z.array(memberSchema) }).nullable() })
        .nullable(),
    }),
  );
  return data.viewer?.organization?.members ?? null;
}

/** The current organization's pending invitations; null when signed out or in none. */
export async function getInvitations(client: GraphqlClient): Promise<Invitation[] | null> {
  const data = await client.request(
    { query: INVITATIONS_QUERY, operationName: 'Invitations' },
    z.object({
      viewer: z
        .object({ organization: z.object({ invitations: z.array(invitationSchema) }).nullable() })
        .nullable(),
    }),
  );
  return data.viewer?.organization?.invitations ?? null;
}
