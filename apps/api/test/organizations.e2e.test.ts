// Organizations, invitations, roles and API keys through the api, with the audit trail they
// leave and the limits on who may do what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '@modelhub/db';
import {
  CLASSIFIER,
  classifierInput,
  PREDICT,
  sessionCookieFor,
  signUpUser,
  startPlatform,
  type GraphQLResponse,
  type Platform,
  type SignedUpUser,
} from './platform-fixture.ts';

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform?.close());

const codeOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions.code;

const CREATE_ORG = `mutation($input: CreateOrganizationInput!) {
  createOrganization(input: $input) { organization { id slug } } }`;
const INVITE = `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { invitation { id email role } } }`;
const ACCEPT = `mutation($t: String!) { acceptInvitation(token: $t) { membership { id role organization { slug } } } }`;
const MEMBERS = `{ viewer { organization { members { id role user { email } } } } }`;
const SET_ROLE = `mutation($id: ID!, $role: Role!) { updateMemberRole(membershipId: $id, role: $role) { membership { role } } }`;
const LEAVE = `mutation($id: ID!) { leaveOrganization(organizationId: $id) { ok } }`;
const CREATE_KEY = `mutation($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { secret apiKey { id name prefix scopes expiresAt rateLimitPerMinute } } }`;
const REVOKE_KEY = `mutation($id: ID!) { revokeApiKey(id: $id) { apiKey { revokedAt } } }`;

async function inviteToken(email: string): Promise<string> {
  const res = await platform.graphql(
    `query($email: String!) { devMailbox(email: $email) { subject text } }`,
    { email },
  );
  const mail = res.data.devMailbox.find((m: any) => /invited/.test(m.subject));
  return /token=([\w-]+)/.exec(mail.text)![1]!;
}

describe('organizations and members', () => {
  let owner: SignedUpUser;
  let dev: SignedUpUser;
  let orgId: string;
  const inOrg = (user: SignedUpUser) => ({ cookie: user.cookie, organization: 'acme' });

  beforeAll(async () => {
    owner = await signUpUser(platform, 'owner@acme.test');
    dev = await signUpUser(platform, 'dev@acme.test');
    const created = await platform.graphql(
      CREATE_ORG,
      { input: { slug: 'acme', name: 'Acme' } },
      { cookie: owner.cookie },
    );
    orgId = created.data.createOrganization.organization.id;
  });

  it('refuses a taken or malformed handle', async () => {
    const taken = await platform.graphql(
      CREATE_ORG,
      { input: { slug: 'acme', name: 'Other' } },
      { cookie: dev.cookie },
    );
    expect(codeOf(taken)).toBe('CONFLICT');
    const bad = await platform.graphql(
      CREATE_ORG,
      { input: { slug: 'Not A Slug', name: 'x' } },
      { cookie: dev.cookie },
    );
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0]!.extensions.field).toBe('slug');
  });

  it('invites by email; the invitation is single-use and only for that address', async () => {
    const invited = await platform.graphql(
      INVITE,
      { input: { email: 'dev@acme.test', role: 'DEVELOPER' } },
      inOrg(owner),
    );
    expect(invited.data.inviteMember.invitation).toMatchObject({
      email: 'dev@acme.test',
      role: 'DEVELOPER',
    });
    const token = await inviteToken('dev@acme.test');

    const stranger = await signUpUser(platform, 'stranger@elsewhere.test');
    expect(codeOf(await platform.graphql(ACCEPT, { t: token }, { cookie: stranger.cookie }))).toBe(
      'FORBIDDEN',
    );
    const accepted = await platform.graphql(ACCEPT, { t: token }, { cookie: dev.cookie });
    expect(accepted.data.acceptInvitation.membership).toMatchObject({
      role: 'DEVELOPER',
      organization: { slug: 'acme' },
    });
    const reused = await platform.graphql(ACCEPT, { t: token }, { cookie: dev.cookie });
    expect(codeOf(reused)).toBe('BAD_USER_INPUT');
    expect(reused.errors![0]!.message).toMatch(/already been used/);
  });

  it('refuses an expired invitation', async () => {
    await signUpUser(platform, 'late@acme.test');
    await platform.graphql(
      INVITE,
      { input: { email: 'late@acme.test', role: 'BILLING' } },
      inOrg(owner),
    );
    const token = await inviteToken('late@acme.test');
    await platform.db.invitation.updateMany({
      where: { email: 'late@acme.test' },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const late = await platform.db.user.findUniqueOrThrow({ where: { email: 'late@acme.test' } });
    const res = await platform.graphql(
      ACCEPT,
      { t: token },
      { cookie: await sessionCookieFor(late.id) },
    );
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.message).toMatch(/expired/);
  });

  it('lets a DEVELOPER neither invite, nor promote themselves, nor read the audit log', async () => {
    const members = await platform.graphql(MEMBERS, {}, inOrg(dev));
    const mine = members.data.viewer.organization.members.find(
      (m: any) => m.user.email === 'dev@acme.test',
    );
    expect(
      codeOf(await platform.graphql(SET_ROLE, { id: mine.id, role: 'OWNER' }, inOrg(dev))),
    ).toBe('FORBIDDEN');
    expect(
      codeOf(
        await platform.graphql(
          INVITE,
          { input: { email: 'x@acme.test', role: 'ADMIN' } },
          inOrg(dev),
        ),
      ),
    ).toBe('FORBIDDEN');
    const audit = await platform.graphql(
      `{ viewer { organization { auditLog(first: 5) { edges { node { action } } } } } }`,
      {},
      inOrg(dev),
    );
    expect(codeOf(audit)).toBe('FORBIDDEN');
    const stored = await platform.db.membership.findFirstOrThrow({
      where: { organization: { slug: 'acme' }, userId: dev.userId },
    });
    expect(stored.role).toBe('DEVELOPER');
  });

  it('keeps the last owner: neither demoted nor leaving', async () => {
    const members = await platform.graphql(MEMBERS, {}, inOrg(owner));
    const me = members.data.viewer.organization.members.find(
      (m: any) => m.user.email === 'owner@acme.test',
    );
    const demote = await platform.graphql(SET_ROLE, { id: me.id, role: 'ADMIN' }, inOrg(owner));
    expect(codeOf(demote)).toBe('CONFLICT');
    expect(codeOf(await platform.graphql(LEAVE, { id: orgId }, { cookie: owner.cookie }))).toBe(
      'CONFLICT',
    );
  });

  it('lets an owner promote a member, then leave; every step is in the audit log', async () => {
    const members = await platform.graphql(MEMBERS, {}, inOrg(owner));
    const devMembership = members.data.viewer.organization.members.find(
      (m: any) => m.user.email === 'dev@acme.test',
    );
    const promoted = await platform.graphql(
      SET_ROLE,
      { id: devMembership.id, role: 'OWNER' },
      inOrg(owner),
    );
    expect(promoted.data.updateMemberRole.membership.role).toBe('OWNER');
    expect(
      (await platform.graphql(LEAVE, { id: orgId }, { cookie: owner.cookie })).errors,
    ).toBeUndefined();

    const audit = await platform.graphql(
      `{ viewer { organization { auditLog(first: 20) { edges { node { action actor metadata } } } } } }`,
      {},
      inOrg(dev),
    );
    const actions = audit.data.viewer.organization.auditLog.edges.map((e: any) => e.node.action);
    expect(actions).toEqual([
      'member.leave',
      'member.role.update',
      'member.invite',
      'member.join',
      'member.invite',
      'organization.create',
    ]);
  });
});

describe('API keys', () => {
  let user: SignedUpUser;
  beforeAll(async () => {
    user = await signUpUser(platform, 'keys@example.com');
  });

  it('shows the secret once, stores only its hash, and the key works for predictions', async () => {
    const created = await platform.graphql(
      CREATE_KEY,
      { input: { name: 'ci', scopes: ['PREDICT', 'READ'] } },
      { cookie: user.cookie },
    );
    expect(created.errors).toBeUndefined();
    const { secret, apiKey } = created.data.createApiKey;
    expect(secret.startsWith(`${apiKey.prefix}_`)).toBe(true);

    const listed = await platform.graphql(
      `{ viewer { organization { apiKeys(first: 5) { edges { node { name prefix scopes } } } } } }`,
      {},
      { cookie: user.cookie },
    );
    expect(JSON.stringify(listed.data)).not.toContain(secret);
    expect(listed.data.viewer.organization.apiKeys.edges[0].node).toEqual({
      name: 'ci',
      prefix: apiKey.prefix,
      scopes: ['PREDICT', 'READ'],
    });

    const predicted = await platform.graphql(
      PREDICT,
      { model: CLASSIFIER, inputs: [classifierInput()] },
      secret,
    );
    expect(predicted.errors).toBeUndefined();
    expect(predicted.headers.get('ratelimit-limit')).toBe('600');
  });

  it('revokes at once: the key answers UNAUTHENTICATED afterwards', async () => {
    const created = await platform.graphql(
      CREATE_KEY,
      { input: { name: 'short-lived', scopes: ['READ'] } },
      { cookie: user.cookie },
    );
    const { secret, apiKey } = created.data.createApiKey;
    expect((await platform.graphql(`{ viewer { apiKeyScopes } }`, {}, secret)).data).toEqual({
      viewer: { apiKeyScopes: ['READ'] },
    });
    const revoked = await platform.graphql(REVOKE_KEY, { id: apiKey.id }, { cookie: user.cookie });
    expect(revoked.data.revokeApiKey.apiKey.revokedAt).not.toBeNull();
    const after = await platform.graphql(`{ viewer { apiKeyScopes } }`, {}, secret);
    expect(codeOf(after)).toBe('UNAUTHENTICATED');
  });

  it('refuses bad key settings with BAD_USER_INPUT on the field, creating nothing', async () => {
    const before = await platform.db.apiKey.count();
    for (const [input, field] of [
      [{ name: '', scopes: ['READ'] }, 'name'],
      [{ name: 'x', scopes: [] }, 'scopes'],
      [{ name: 'x', scopes: ['READ'], expiresAt: '2001-01-01T00:00:00Z' }, 'expiresAt'],
      [{ name: 'x', scopes: ['READ'], rateLimitPerMinute: 0 }, 'rateLimitPerMinute'],
      [{ name: 'x', scopes: ['READ'], monthlySpendLimitMicros: '-1' }, 'monthlySpendLimitMicros'],
    ] as const) {
      const res = await platform.graphql(CREATE_KEY, { input }, { cookie: user.cookie });
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0]!.extensions.field).toBe(field);
    }
    expect(await platform.db.apiKey.count()).toBe(before);
  });

  it('never lets an API key create keys, whatever its scopes', async () => {
    const created = await platform.graphql(
      CREATE_KEY,
      { input: { name: 'all scopes', scopes: ['PREDICT', 'READ', 'PUBLISH', 'BILLING'] } },
      { cookie: user.cookie },
    );
    const res = await platform.graphql(
      CREATE_KEY,
      { input: { name: 'minted', scopes: ['PREDICT'] } },
      created.data.createApiKey.secret,
    );
    expect(codeOf(res)).toBe('FORBIDDEN');
  });

  /** The secret of a new READ key allowed `perMinute` requests a minute. */
  const keyLimitedTo = async (name: string, perMinute: number): Promise<string> => {
    const created = await platform.graphql(
      CREATE_KEY,
      { input: { name, scopes: ['READ'], rateLimitPerMinute: perMinute } },
      { cookie: user.cookie },
    );
    return created.data.createApiKey.secret;
  };
  const askViewer = (secret: string) => platform.graphql(`{ viewer { apiKeyScopes } }`, {}, secret);

  it('rate limits per key with RateLimit headers and 429 RATE_LIMITED + Retry-After', async () => {
    const secret = await keyLimitedTo('slow', 2);
    const first = await askViewer(secret);
    expect(first.headers.get('ratelimit-limit')).toBe('2');
    expect(first.headers.get('ratelimit-remaining')).toBe('1');
    await askViewer(secret);
    const third = await askViewer(secret);
    expect(third.status).toBe(429);
    expect(codeOf(third)).toBe('RATE_LIMITED');
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    // The v2 route shares the limit.
    const v2 = await fetch(`${platform.api.url}/v2/models/${CLASSIFIER}`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(v2.status).toBe(429);
    expect(((await v2.json()) as any).code).toBe('RATE_LIMITED');
  });

  it('counts a burst of concurrent requests exactly: the limit passes, the rest get 429', async () => {
    const secret = await keyLimitedTo('burst', 5);
    const answers = await Promise.all(Array.from({ length: 12 }, () => askViewer(secret)));
    const passed = answers.filter((a) => a.status === 200);
    expect(passed).toHaveLength(5);
    // each passing request saw its own place in the window
    expect(passed.map((a) => Number(a.headers.get('ratelimit-remaining'))).sort()).toEqual([
      0, 1, 2, 3, 4,
    ]);
    for (const refused of answers.filter((a) => a.status !== 200)) {
      expect(refused.status).toBe(429);
      expect(codeOf(refused)).toBe('RATE_LIMITED');
    }
  });

  it('keeps secrets out of the database and the audit log', async () => {
    const created = await platform.graphql(
      CREATE_KEY,
      { input: { name: 'secret check', scopes: ['READ'] } },
      { cookie: user.cookie },
    );
    const secret: string = created.data.createApiKey.secret;
    const org = await platform.db.organization.findUniqueOrThrow({
      where: { slug: user.personalOrg },
    });
    const rows = await withTenant(platform.db, org.id, (tx) =>
      tx.auditLog.findMany({ where: { action: 'apiKey.create' } }),
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain(secret.split('_').at(-1));
  });
});
