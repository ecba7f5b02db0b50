// Mutations for accounts, organizations, members and API keys. Each delegates to the identity
// services, which check permissions and write the audit log.
import {
  signInWithOAuth,
  signInWithPassword,
  requestPasswordReset,
  resetPassword,
  signUp,
  verifyEmail,
} from '../../identity/accounts.ts';
import { createApiKey, revokeApiKey } from '../../identity/api-keys.ts';
import {
  acceptInvitation,
  createOrganization,
  inviteMember,
  leaveOrganization,
  removeMember,
  updateMemberRole,
} from '../../identity/organizations.ts';
import { builder } from '../builder.ts';
import { localIdOf } from '../global-id.ts';
import { ApiKeyRef, InvitationRef, MembershipRef, UserRef } from './access.ts';
import { ApiKeyScopeEnum, RoleEnum } from './enums.ts';
import { OrganizationRef } from './organization.ts';

const UserPayload = builder.objectRef<{ user: unknown }>('UserPayload').implement({
  description: 'The result of an account mutation: the user concerned.',
  fields: (t) => ({
    user: t.field({
      type: UserRef,
      description: 'The user, as it is after the mutation.',
      resolve: (p) => p.user as never,
    }),
  }),
});
const OkPayload = builder.objectRef<{ ok: boolean }>('OkPayload').implement({
  description: 'The result of a mutation that returns nothing else.',
  fields: (t) => ({
    ok: t.exposeBoolean('ok', { description: 'Always true when no error is returned.' }),
  }),
});
const OrganizationPayload = builder
  .objectRef<{ organization: unknown }>('OrganizationPayload')
  .implement({
    description: 'The result of creating an organization.',
    fields: (t) => ({
      organization: t.field({
        type: OrganizationRef,
        description: 'The new organization.',
        resolve: (p) => p.organization as never,
      }),
    }),
  });
const InvitationPayload = builder
  .objectRef<{ invitation: unknown }>('InvitationPayload')
  .implement({
    description: 'The result of inviting a member.',
    fields: (t) => ({
      invitation: t.field({
        type: InvitationRef,
        description: 'The invitation that was emailed.',
        resolve: (p) => p.invitation as never,
      }),
    }),
  });
const MembershipPayload = builder
  .objectRef<{ membership: unknown }>('MembershipPayload')
  .implement({
    description: 'The result of a mutation on a membership.',
    fields: (t) => ({
      membership: t.field({
        type: MembershipRef,
        description: 'The membership, as it is after the mutation.',
        resolve: (p) => p.membership as never,
      }),
    }),
  });
const ApiKeyPayload = builder.objectRef<{ apiKey: unknown }>('ApiKeyPayload').implement({
  description: 'The result of a mutation on an API key.',
  fields: (t) => ({
    apiKey: t.field({
      type: ApiKeyRef,
      description: 'The API key, as it is after the mutation.',
      resolve: (p) => p.apiKey as never,
    }),
  }),
});
const CreateApiKeyPayload = builder
  .objectRef<{ apiKey: unknown; secret: string }>('CreateApiKeyPayload')
  .implement({
    description: 'A new API key and its secret, which is shown only here.',
    fields: (t) => ({
      apiKey: t.field({
        type: ApiKeyRef,
        description: 'The new key.',
        resolve: (p) => p.apiKey as never,
      }),
      secret: t.exposeString('secret', {
        description: 'The whole key. Shown this once: store it now; it cannot be read again.',
      }),
    }),
  });

const SignUpInput = builder.inputType('SignUpInput', {
  description: 'A new account.',
  fields: (t) => ({
    email: t.string({
      required: true,
      description: 'The email address to sign in with; a verification link is sent to it.',
    }),
    password: t.string({ required: true, description: 'At least 10 characters.' }),
    name: t.string({ required: false, description: 'The display name.' }),
  }),
});
const SignInInput = builder.inputType('SignInInput', {
  description: 'An email and password to check.',
  fields: (t) => ({
    email: t.string({ required: true, description: 'The account’s email address.' }),
    password: t.string({ required: true, description: 'The account’s password.' }),
  }),
});
const CreateOrganizationInput = builder.inputType('CreateOrganizationInput', {
  description: 'A new organization.',
  fields: (t) => ({
    slug: t.string({
      required: true,
      description: 'The handle in model references, `slug/model`.',
    }),
    name: t.string({ required: true, description: 'The display name.' }),
  }),
});
const InviteMemberInput = builder.inputType('InviteMemberInput', {
  description: 'Who to invite to the current organization, and as what.',
  fields: (t) => ({
    email: t.string({ required: true, description: 'The address the invitation is sent to.' }),
    role: t.field({
      type: RoleEnum,
      required: true,
      description: 'The role the invitee gets on accepting.',
    }),
  }),
});
const CreateApiKeyInput = builder.inputType('CreateApiKeyInput', {
  description: 'A new API key for the current organization.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'A label to tell keys apart.' }),
    scopes: t.field({
      type: [ApiKeyScopeEnum],
      required: true,
      description: 'What the key may do.',
    }),
    expiresAt: t.field({
      type: 'DateTime',
      required: false,
      description: 'When the key stops working (UTC); never when omitted.',
    }),
    monthlySpendLimitMicros: t.field({
      type: 'BigInt',
      required: false,
      description:
        'The most calls with this key may be charged per calendar month (UTC), in micro-units of USD; no limit of its own when omitted.',
    }),
    rateLimitPerMinute: t.int({
      required: false,
      description: 'Requests per minute; the platform default when omitted.',
    }),
  }),
});

builder.mutationFields((t) => ({
  signUp: t.field({
    type: UserPayload,
    description:
      'Creates an account with a personal organization (its OWNER, with trial credit) and emails a verification link. Errors: BAD_USER_INPUT (extensions.field), CONFLICT (email taken).',
    args: { input: t.arg({ type: SignUpInput, required: true }) },
    resolve: async (_r, { input }, ctx) => ({ user: await signUp(ctx.services, input) }),
  }),
  signInWithPassword: t.field({
    type: UserPayload,
    description:
      'Checks an email and password; the portal’s sign-in uses it. Errors: UNAUTHENTICATED (wrong email or password), RATE_LIMITED after repeated failures.',
    args: { input: t.arg({ type: SignInInput, required: true }) },
    resolve: async (_r, { input }, ctx) => ({
      user: await signInWithPassword(ctx.services, input, ctx.origin),
    }),
  }),
  signInWithOAuth: t.field({
    type: UserPayload,
    description:
      'Signs in (or up) a GitHub or Google user; the portal calls it after the OAuth flow with a short-lived assertion encrypted with the shared AUTH_SECRET. Errors: UNAUTHENTICATED (bad or expired assertion), CONFLICT (the email belongs to a password account and the provider did not verify it).',
    args: { assertion: t.arg.string({ required: true }) },
    resolve: async (_r, { assertion }, ctx) => ({
      user: await signInWithOAuth(ctx.services, assertion, ctx.services.authSecret),
    }),
  }),
  verifyEmail: t.field({
    type: UserPayload,
    description: 'Confirms an email address with the emailed token.',
    args: { token: t.arg.string({ required: true }) },
    resolve: async (_r, { token }, ctx) => ({ user: await verifyEmail(ctx.services, token) }),
  }),
  requestPasswordReset: t.field({
    type: OkPayload,
    description: 'Emails a reset link if an account exists; answers the same either way.',
    args: { email: t.arg.string({ required: true }) },
    resolve: async (_r, { email }, ctx) => {
      await requestPasswordReset(ctx.services, email);
      return { ok: true };
    },
  }),
  resetPassword: t.field({
    type: OkPayload,
    description: 'Sets a new password with the emailed token (single use, one hour).',
    args: {
      token: t.arg.string({ required: true }),
      password: t.arg.string({ required: true }),
    },
    resolve: async (_r, { token, password }, ctx) => {
      await resetPassword(ctx.services, token, password, ctx.origin);
      return { ok: true };
    },
  }),
  createOrganization: t.field({
    type: OrganizationPayload,
    description: 'Creates an organization with the signed-in user as its OWNER.',
    args: { input: t.arg({ type: CreateOrganizationInput, required: true }) },
    resolve: async (_r, { input }, ctx) => ({
      organization: await createOrganization(ctx, input),
    }),
  }),
  inviteMember: t.field({
    type: InvitationPayload,
    description:
      'Emails an invitation (valid 7 days) to join the current organization. Needs members.manage.',
    args: { input: t.arg({ type: InviteMemberInput, required: true }) },
    resolve: async (_r, { input }, ctx) => ({ invitation: await inviteMember(ctx, input) }),
  }),
  acceptInvitation: t.field({
    type: MembershipPayload,
    description: 'Joins the organization of an invitation sent to the signed-in user’s email.',
    args: { token: t.arg.string({ required: true }) },
    resolve: async (_r, { token }, ctx) => ({ membership: await acceptInvitation(ctx, token) }),
  }),
  updateMemberRole: t.field({
    type: MembershipPayload,
    description:
      'Changes a member’s role. Needs members.manage; only owners assign or remove OWNER; the last owner stays.',
    args: {
      membershipId: t.arg.id({ required: true }),
      role: t.arg({ type: RoleEnum, required: true }),
    },
    resolve: async (_r, { membershipId, role }, ctx) => ({
      membership: await updateMemberRole(
        ctx,
        localIdOf(String(membershipId), 'Membership', 'membership'),
        role,
      ),
    }),
  }),
  removeMember: t.field({
    type: OkPayload,
    description: 'Removes a member. Needs members.manage; the last owner stays.',
    args: { membershipId: t.arg.id({ required: true }) },
    resolve: async (_r, { membershipId }, ctx) => {
      await removeMember(ctx, localIdOf(String(membershipId), 'Membership', 'membership'));
      return { ok: true };
    },
  }),
  leaveOrganization: t.field({
    type: OkPayload,
    description: 'The signed-in user leaves an organization (not its last owner).',
    args: { organizationId: t.arg.id({ required: true }) },
    resolve: async (_r, { organizationId }, ctx) => {
      await leaveOrganization(
        ctx,
        localIdOf(String(organizationId), 'Organization', 'organization'),
      );
      return { ok: true };
    },
  }),
  createApiKey: t.field({
    type: CreateApiKeyPayload,
    description:
      'Creates an API key for the current organization. Needs a signed-in member with keys.manage. The secret is in this response only.',
    args: { input: t.arg({ type: CreateApiKeyInput, required: true }) },
    resolve: (_r, { input }, ctx) => createApiKey(ctx, input),
  }),
  revokeApiKey: t.field({
    type: ApiKeyPayload,
    description: 'Revokes an API key at once. Needs keys.manage.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_r, { id }, ctx) => ({
      apiKey: await revokeApiKey(ctx, localIdOf(String(id), 'ApiKey', 'API key')),
    }),
  }),
}));
