/** Organization mutations: create, invite, accept an invitation, roles, removal, leaving. */
import { z } from 'zod';
import type { Role } from '@/lib/generated/graphql';
import type { GraphqlClient } from '@/lib/graphql-client';
import {
  invitationSchema,
  organizationSummarySchema,
  type Invitation,
  type OrganizationSummary,
} from '@/lib/identity-schemas';

export const CREATE_ORGANIZATION_MUTATION = /* GraphQL */ `
  mutation CreateOrganization($input: CreateOrganizationInput!) {
    createOrganization(input: $input) {
      organization {
        id
        slug
        name
        personal
      }
    }
  }
`;

export const INVITE_MEMBER_MUTATION = /* GraphQL */ `
  mutation InviteMember($input: InviteMemberInput!) {
    inviteMember(input: $input) {
      invitation {
        id
        email
        role
        expiresAt
        createdAt
      }
    }
  }
`;

export const ACCEPT_INVITATION_MUTATION = /* GraphQL */ `
  mutation AcceptInvitation($token: String!) {
    acceptInvitation(token: $token) {
      membership {
        id
        role
        organization {
          id
          slug
          name
          personal
        }
      }
    }
  }
`;

export const UPDATE_MEMBER_ROLE_MUTATION = /* GraphQL */ `
  mutation UpdateMemberRole($membershipId: ID!, $role: Role!) {
    updateMemberRole(membershipId: $membershipId, role: $role) {
      membership {
        id
        role
      }
    }
  }
`;

export const REMOVE_MEMBER_MUTATION = /* GraphQL */ `
  mutation RemoveMember($membershipId: ID!) {
    removeMember(membershipId: $membershipId) {
      ok
    }
  }
`;

export const LEAVE_ORGANIZATION_MUTATION = /* GraphQL */ `
  mutation LeaveOrganization($organizationId: ID!) {
    leaveOrganization(organizationId: $organizationId) {
      ok
    }
  }
`;

export async function createOrganization(
  input: { slug: string; name: string },
  client: GraphqlClient,
): Promise<OrganizationSummary> {
  const data = await client.request(
    {
      query: CREATE_ORGANIZATION_MUTATION,
      operationName: 'CreateOrganization',
      variables: { input },
    },
    z.object({ createOrganization: z.object({ organization: organizationSummarySchema }) }),
  );
  return data.createOrganization.organization;
}

/** Invites into the current organization; the api emails an acceptance link. */
export async function inviteMember(
  input: { email: string; role: Role },
  client: GraphqlClient,
): Promise<Invitation> {
  const data = await client.request(
    { query: INVITE_MEMBER_MUTATION, operationName: 'InviteMember', variables: { input } },
    z.object({ inviteMember: z.object({ invitation: invitationSchema }) }),
  );
  return data.inviteMember.invitation;
}

export interface AcceptedMembership {
  id: string;
  role: string;
  organization: OrganizationSummary;
}

export async function acceptInvitation(
  token: string,
  client: GraphqlClient,
): Promise<AcceptedMembership> {
  const data = await client.request(
    { query: ACCEPT_INVITATION_MUTATION, operationName: 'AcceptInvitation', variables: { token } },
    z.object({
      acceptInvitation: z.object({
        membership: z.object({
          id: z.string(),
          role: z.string(),
          organization: organizationSummarySchema,
        }),
      }),
    }),
  );
  return data.acceptInvitation.membership;
}

export async function updateMemberRole(
  input: { membershipId: string; role: Role },
  client: GraphqlClient,
): Promise<{ id: string; role: string }> {
  const data = await client.request(
    { query: UPDATE_MEMBER_ROLE_MUTATION, operationName: 'UpdateMemberRole', variables: input },
    z.object({
      updateMemberRole: z.object({ membership: z.object({ id: z.string(), role: z.string() }) }),
    }),
  );
  return data.updateMemberRole.membership;
}

export async function removeMember(membershipId: string, client: GraphqlClient): Promise<boolean> {
  const data = await client.request(
    { query: REMOVE_MEMBER_MUTATION, operationName: 'RemoveMember', variables: { membershipId } },
    z.object({ removeMember: z.object({ ok: z.boolean() }) }),
  );
  return data.removeMember.ok;
}

export async function leaveOrganization(
  organizationId: string,
  client: GraphqlClient,
): Promise<boolean> {
  const data = await client.request(
    {
      query: LEAVE_ORGANIZATION_MUTATION,
      operationName: 'LeaveOrganization',
      variables: { organizationId },
    },
    z.object({ leaveOrganization: z.object({ ok: z.boolean() }) }),
  );
  return data.leaveOrganization.ok;
}
