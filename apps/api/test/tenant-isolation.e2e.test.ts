// The security boundary: another organization's ids answer exactly like ids that do not exist,
// every role and key can do exactly what the permission matrix says, and secrets never reach
// the database or the logs in clear.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant, type Role } from '@modelhub/db';
import pino from 'pino';
import {
  CLASSIFIER,
  classifierInput,
  createTestKey,
  PREDICT,
  sessionCookieFor,
  signUpUser,
  startPlatform,
  type Caller,
  type GraphQLResponse,
  type Platform,
  type SignedUpUser,
} from './platform-fixture.ts';

const logLines: string[] = [];
const logSink = new Writable({
  write(chunk, _encoding, done) {
    logLines.push(String(chunk));
    done();
  },
});

let platform: Platform;
beforeAll(async () => {
  // Everything the api logs, at its most verbose, is kept for the secrets check.
  platform = await startPlatform({ logger: pino({ level: 'trace' }, logSink) });
});
afterAll(() => platform?.close());

const codeOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions.code;
const toGlobalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

describe('another organization’s ids', () => {
  let alice: SignedUpUser;
  let bob: SignedUpUser;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    alice = await signUpUser(platform, 'alice@a.test');
    bob = await signUpUser(platform, 'bob@b.test');
    const bobOrg = await platform.db.organization.findUniqueOrThrow({
      where: { slug: bob.personalOrg },
    });
    const key = await platform.graphql(
      `mutation { createApiKey(input: { name: "b", scopes: [READ] }) { apiKey { id } } }`,
      {},
      { cookie: bob.cookie },
    );
    ids.apiKey = key.data.createApiKey.apiKey.id;
    const invitation = await platform.graphql(
      `mutation { inviteMember(input: { email: "carol@b.test", role: DEVELOPER }) { invitation { id } } }`,
      {},
      { cookie: bob.cookie },
    );
    ids.invitation = invitation.data.inviteMember.invitation.id;
    const bobMembership = await platform.db.membership.findFirstOrThrow({
      where: { organizationId: bobOrg.id },
    });
    ids.membership = toGlobalId('Membership', bobMembership.id);
    ids.organization = toGlobalId('Organization', bobOrg.id);
    const audit = await withTenant(platform.db, bobOrg.id, (tx) =>
      tx.auditLog.findFirstOrThrow({}),
    );
    ids.auditLogEntry = toGlobalId('AuditLogEntry', audit.id);
    // A private model of Bob's, built from the demo classifier's published version.
    const demo = await platform.db.modelVersion.findFirstOrThrow({
      where: { model: { slug: 'ppocr-direction-classifier' } },
    });
    const model = await platform.db.model.create({
      data: {
        organizationId: bobOrg.id,
        slug: 'secret-model',
        name: 'Secret',
        task: 'OTHER',
        visibility: 'PRIVATE',
        versions: {
          create: {
            organizationId: bobOrg.id,
            version: '1.0.0',
            status: 'PUBLISHED',
            publishedAt: new Date(),
            artifactKey: demo.artifactKey,
            sha256: demo.sha256,
            sizeBytes: demo.sizeBytes,
            inputs: demo.inputs ?? [],
            outputs: demo.outputs ?? [],
          },
        },
      },
      include: { versions: true },
    });
    ids.model = toGlobalId('Model', model.id);
    ids.modelVersion = toGlobalId('ModelVersion', model.versions[0]!.id);
  });

  it('bob can see his own private model (the setup is real)', async () => {
    const res = await platform.graphql(
      `query($ref: String!) { model(ref: $ref) { slug } }`,
      { ref: `${bob.personalOrg}/secret-model` },
      { cookie: bob.cookie },
    );
    expect(res.data.model).toEqual({ slug: 'secret-model' });
  });

  it.each(['apiKey', 'invitation', 'membership', 'auditLogEntry', 'model', 'modelVersion'])(
    'node(id) of bob’s %s is null for alice, as for an id that does not exist',
    async (kind) => {
      const query = `query($id: ID!) { node(id: $id) { id } }`;
      const foreign = await platform.graphql(query, { id: ids[kind] }, { cookie: alice.cookie });
      expect(foreign.errors).toBeUndefined();
      expect(foreign.data.node).toBeNull();
      const own = await platform.graphql(query, { id: ids[kind] }, { cookie: bob.cookie });
      expect(own.data.node).not.toBeNull();
    },
  );

  it.each([
    [
      'revokeApiKey',
      `mutation($id: ID!) { revokeApiKey(id: $id) { apiKey { id } } }`,
      'apiKey',
      'ApiKey',
    ],
    [
      'updateMemberRole',
      `mutation($id: ID!) { updateMemberRole(membershipId: $id, role: OWNER) { membership { id } } }`,
      'membership',
      'Membership',
    ],
    [
      'removeMember',
      `mutation($id: ID!) { removeMember(membershipId: $id) { ok } }`,
      'membership',
      'Membership',
    ],
    [
      'leaveOrganization',
      `mutation($id: ID!) { leaveOrganization(organizationId: $id) { ok } }`,
      'organization',
      'Organization',
    ],
  ])(
    '%s with bob’s id answers alice NOT_FOUND, word for word as a missing id',
    async (_n, mutation, kind, type) => {
      const foreign = await platform.graphql(mutation, { id: ids[kind] }, { cookie: alice.cookie });
      const missing = await platform.graphql(
        mutation,
        { id: toGlobalId(type, 'does-not-exist') },
        { cookie: alice.cookie },
      );
      // Alice is the OWNER of her personal organization: every one of these is allowed to her.
      expect(codeOf(foreign)).toBe('NOT_FOUND');
      expect(foreign.errors![0]!.message).toBe(missing.errors![0]!.message);
    },
  );

  it('changed nothing of bob’s', async () => {
    const bobOrg = await platform.db.organization.findUniqueOrThrow({
      where: { slug: bob.personalOrg },
      include: { memberships: true, apiKeys: true },
    });
    expect(bobOrg.memberships.map((m) => m.role)).toEqual(['OWNER']);
    expect(bobOrg.apiKeys.every((k) => k.revokedAt === null)).toBe(true);
  });

  it('hides bob’s private model from alice’s catalog, lookups, predictions and the v2 route', async () => {
    const ref = `${bob.personalOrg}/secret-model`;
    const lookup = await platform.graphql(
      `query($ref: String!) { model(ref: $ref) { slug } models(query: "secret") { totalCount } }`,
      { ref },
      { cookie: alice.cookie },
    );
    expect(lookup.data).toEqual({ model: null, models: { totalCount: 0 } });
    const predicted = await platform.graphql(
      PREDICT,
      { model: ref, inputs: [classifierInput()] },
      { cookie: alice.cookie },
    );
    expect(codeOf(predicted)).toBe('NOT_FOUND');
    const aliceKey = await platform.graphql(
      `mutation { createApiKey(input: { name: "a", scopes: [PREDICT, READ] }) { secret } }`,
      {},
      { cookie: alice.cookie },
    );
    const v2 = await fetch(`${platform.api.url}/v2/models/${ref}`, {
      headers: { authorization: `Bearer ${aliceKey.data.createApiKey.secret}` },
    });
    expect(v2.status).toBe(404);
  });

  it('refuses reading bob’s members, keys and audit log through his organization', async () => {
    for (const field of [
      'members { id }',
      'apiKeys(first: 1) { totalCount: edges { cursor } }',
      'auditLog(first: 1) { edges { cursor } }',
    ]) {
      const res = await platform.graphql(
        `query($id: ID!) { node(id: $id) { ... on Organization { ${field} } } }`,
        { id: ids.organization },
        { cookie: alice.cookie },
      );
      expect(codeOf(res)).toBe('FORBIDDEN');
    }
  });
});

describe('the permission matrix', () => {
  type Actor = Role | 'API_KEY';
  const callers = new Map<Actor, Caller>();
  let targetMembershipId: string;

  // What each caller may do; everything not listed answers FORBIDDEN. This is the product’s
  // specification, written out here on purpose rather than read from the permission table.
  const ALLOWED: Record<string, Actor[]> = {
    createApiKey: ['OWNER', 'ADMIN', 'DEVELOPER'],
    listApiKeys: ['OWNER', 'ADMIN', 'DEVELOPER'],
    inviteMember: ['OWNER', 'ADMIN'],
    updateMemberRole: ['OWNER', 'ADMIN'],
    listMembers: ['OWNER', 'ADMIN', 'DEVELOPER', 'BILLING'],
    readAuditLog: ['OWNER', 'ADMIN'],
    predict: ['OWNER', 'ADMIN', 'DEVELOPER', 'API_KEY'],
  };

  const OPERATIONS: Record<string, () => [string, Record<string, unknown>]> = {
    createApiKey: () => [
      `mutation { createApiKey(input: { name: "m", scopes: [READ] }) { secret } }`,
      {},
    ],
    listApiKeys: () => [
      `{ viewer { organization { apiKeys(first: 1) { edges { cursor } } } } }`,
      {},
    ],
    inviteMember: () => [
      `mutation($e: String!) { inviteMember(input: { email: $e, role: DEVELOPER }) { invitation { id } } }`,
      { e: `invitee-${Math.random().toString(36).slice(2)}@matrix.test` },
    ],
    updateMemberRole: () => [
      `mutation($id: ID!) { updateMemberRole(membershipId: $id, role: DEVELOPER) { membership { role } } }`,
      { id: targetMembershipId },
    ],
    listMembers: () => [`{ viewer { organization { members { id } } } }`, {}],
    readAuditLog: () => [
      `{ viewer { organization { auditLog(first: 1) { edges { cursor } } } } }`,
      {},
    ],
    predict: () => [PREDICT, { model: CLASSIFIER, inputs: [classifierInput()] }],
  };

  beforeAll(async () => {
    const org = await platform.db.organization.create({ data: { slug: 'matrix', name: 'Matrix' } });
    await platform.db.ledgerEntry.create({
      data: { organizationId: org.id, kind: 'TOP_UP', amountMicros: 10_000_000n },
    });
    for (const role of ['OWNER', 'ADMIN', 'DEVELOPER', 'BILLING'] as const) {
      const user = await platform.db.user.create({
        data: { email: `${role.toLowerCase()}@matrix.test` },
      });
      await platform.db.membership.create({
        data: { organizationId: org.id, userId: user.id, role },
      });
      callers.set(role, { cookie: await sessionCookieFor(user.id), organization: 'matrix' });
    }
    const target = await platform.db.user.create({ data: { email: 'target@matrix.test' } });
    const membership = await platform.db.membership.create({
      data: { organizationId: org.id, userId: target.id, role: 'DEVELOPER' },
    });
    targetMembershipId = toGlobalId('Membership', membership.id);
    callers.set('API_KEY', {
      apiKey: await createTestKey(platform.db, {
        organizationId: org.id,
        scopes: ['PREDICT', 'READ', 'PUBLISH', 'BILLING'],
      }),
    });
  });

  for (const operation of Object.keys(ALLOWED)) {
    for (const actor of ['OWNER', 'ADMIN', 'DEVELOPER', 'BILLING', 'API_KEY'] as const) {
      const allowed = ALLOWED[operation]!.includes(actor);
      it(`${operation} by ${actor}: ${allowed ? 'allowed' : 'FORBIDDEN'}`, async () => {
        const [query, variables] = OPERATIONS[operation]!();
        const res = await platform.graphql(query, variables, callers.get(actor));
        if (allowed) expect(res.errors).toBeUndefined();
        else expect(codeOf(res)).toBe('FORBIDDEN');
      });
    }
  }
});

describe('secrets', () => {
  it('never stores or logs a password or an API key secret in clear', async () => {
    const password = 'unmistakable-password-7f3a9c';
    const user = await signUpUser(platform, 'secretive@example.com', password);
    await platform.graphql(
      `mutation($input: SignInInput!) { signInWithPassword(input: $input) { user { id } } }`,
      { input: { email: 'secretive@example.com', password } },
    );
    await platform.graphql(
      `mutation($input: SignInInput!) { signInWithPassword(input: $input) { user { id } } }`,
      { input: { email: 'secretive@example.com', password: `${password}-wrong` } },
    );
    const created = await platform.graphql(
      `mutation { createApiKey(input: { name: "grep me", scopes: [PREDICT, READ] }) { secret } }`,
      {},
      { cookie: user.cookie },
    );
    const secret: string = created.data.createApiKey.secret;
    // Used, including a failing call, so its handling is logged as it would be in production.
    await platform.graphql(PREDICT, { model: CLASSIFIER, inputs: [classifierInput()] }, secret);
    await platform.graphql(PREDICT, { model: 'nope/nope', inputs: [] }, secret);

    const tables = await platform.db.$queryRaw<{ table_name: string }[]>`
      SELECT table_name::text AS table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`;
    let dump = '';
    for (const { table_name } of tables) {
      const rows = await platform.db.$queryRawUnsafe<{ row: string }[]>(
        `SELECT row_to_json(t)::text AS row FROM "${table_name}" t`,
      );
      dump += rows.map((r) => r.row).join('\n');
    }
    expect(dump).toContain('secretive@example.com'); // the dump is real
    expect(logLines.length).toBeGreaterThan(0);
    const logs = logLines.join('');
    const secretPart = secret.split('_').at(-1)!;
    for (const text of [dump, logs]) {
      expect(text).not.toContain(password);
      expect(text).not.toContain(secretPart);
    }
  });
});
