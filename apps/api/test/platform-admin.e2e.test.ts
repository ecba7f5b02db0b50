// Platform administration over GraphQL: an administrator sees the runner with the model it
// loaded for a prediction (registry state joined with the runner's live queue depth and memory),
// a runner that does not answer as unreachable, and every tenant with members, balance and calls;
// everyone else is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLASSIFIER,
  classifierInput,
  createTestKey,
  PREDICT,
  signUpUser,
  startPlatform,
  type GraphQLResponse,
  type Platform,
  type SignedUpUser,
} from './platform-fixture.ts';

const RUNNERS = /* GraphQL */ `
  query {
    platformRunners {
      id
      name
      url
      status
      capabilities
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
        queueDepth
        instances
        busyInstances
        memoryBytes
      }
    }
  }
`;
const TENANTS = /* GraphQL */ `
  query ($first: Int, $after: String) {
    platformTenants(first: $first, after: $after) {
      totalCount
      hasNextPage
      endCursor
      tenants {
        id
        slug
        name
        personal
        memberCount
        balanceMicros
        callsLast30Days
      }
    }
  }
`;
const IS_ADMIN = `query { isPlatformAdmin }`;

let platform: Platform;
let admin: SignedUpUser;
let member: SignedUpUser;
let key: string;

const codeOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions.code;

beforeAll(async () => {
  platform = await startPlatform();
  admin = await signUpUser(platform, 'operator@modelhub.test');
  await platform.db.user.update({ where: { id: admin.userId }, data: { isPlatformAdmin: true } });
  member = await signUpUser(platform, 'someone@tenant.test');
  key = await createTestKey(platform.db, { organizationId: platform.seed.demoOrganizationId });
  const predicted = await platform.graphql(
    PREDICT,
    { model: CLASSIFIER, inputs: [classifierInput()] },
    key,
  );
  expect(predicted.errors).toBeUndefined();
});
afterAll(() => platform?.close());

describe('platform admin', () => {
  it('tells administrators apart', async () => {
    expect((await platform.graphql(IS_ADMIN, {}, { cookie: admin.cookie })).data).toEqual({
      isPlatformAdmin: true,
    });
    expect((await platform.graphql(IS_ADMIN, {}, { cookie: member.cookie })).data).toEqual({
      isPlatformAdmin: false,
    });
    expect((await platform.graphql(IS_ADMIN, {}, key)).data).toEqual({ isPlatformAdmin: false });
    expect((await platform.graphql(IS_ADMIN)).data).toEqual({ isPlatformAdmin: false });
  });

  it('shows an administrator the runner with the model it loaded for the prediction', async () => {
    const res = await platform.graphql(RUNNERS, {}, { cookie: admin.cookie });
    expect(res.errors).toBeUndefined();
    const runner = res.data.platformRunners.find((r: any) => r.url === platform.runner.url);
    expect(runner).toMatchObject({
      id: platform.runner.runnerId,
      status: 'READY',
      reachable: true,
      unreachableReason: null,
      capabilities: expect.objectContaining({ protocol: 'kserve-v2' }),
    });
    expect(BigInt(runner.rssBytes)).toBeGreaterThan(0n);
    expect(BigInt(runner.loadedModelsMemoryBytes)).toBeGreaterThan(0n);
    const version = await platform.db.modelVersion.findFirstOrThrow({
      where: { model: { slug: CLASSIFIER.split('/')[1]! }, status: 'PUBLISHED' },
    });
    expect(runner.models).toContainEqual({
      modelVersionId: version.id,
      model: CLASSIFIER,
      version: version.version,
      state: 'READY',
      error: null,
      queueDepth: 0,
      instances: 1,
      busyInstances: 0,
      memoryBytes: expect.stringMatching(/^[1-9]\d*$/),
    });
  });

  it('shows a registered runner that does not answer as unreachable, without waiting long', async () => {
    const silent = await platform.db.runner.create({
      data: { name: 'gone-runner', url: 'http://127.0.0.1:9', status: 'DRAINING' },
    });
    try {
      const started = Date.now();
      const res = await platform.graphql(RUNNERS, {}, { cookie: admin.cookie });
      expect(Date.now() - started).toBeLessThan(5_000);
      const runner = res.data.platformRunners.find((r: any) => r.id === silent.id);
      expect(runner).toMatchObject({
        name: 'gone-runner',
        reachable: false,
        unreachableReason: expect.any(String),
        rssBytes: null,
        models: [],
      });
      // the live runner still answers next to it
      expect(
        res.data.platformRunners.find((r: any) => r.url === platform.runner.url).reachable,
      ).toBe(true);
    } finally {
      await platform.db.runner.delete({ where: { id: silent.id } });
    }
  });

  it('lists tenants with members, balance and calls in 30 days, page by page', async () => {
    const res = await platform.graphql(TENANTS, { first: 100 }, { cookie: admin.cookie });
    expect(res.errors).toBeUndefined();
    const page = res.data.platformTenants;
    const orgCount = await platform.db.organization.count();
    expect(page.totalCount).toBe(orgCount);
    expect(page.tenants).toHaveLength(orgCount);
    const demo = await platform.db.organization.findUniqueOrThrow({
      where: { id: platform.seed.demoOrganizationId },
    });
    const demoRow = page.tenants.find((t: any) => t.slug === demo.slug);
    const ledger = await platform.db.ledgerEntry.aggregate({
      where: { organizationId: demo.id },
      _sum: { amountMicros: true },
    });
    expect(demoRow).toMatchObject({
      memberCount: await platform.db.membership.count({ where: { organizationId: demo.id } }),
      balanceMicros: String(ledger._sum.amountMicros ?? 0n),
      callsLast30Days: 1,
    });
    expect(page.tenants.find((t: any) => t.slug === member.personalOrg)).toMatchObject({
      personal: true,
      memberCount: 1,
      callsLast30Days: 0,
    });

    const first = await platform.graphql(TENANTS, { first: 1 }, { cookie: admin.cookie });
    expect(first.data.platformTenants.tenants).toHaveLength(1);
    expect(first.data.platformTenants.hasNextPage).toBe(true);
    const second = await platform.graphql(
      TENANTS,
      { first: 1, after: first.data.platformTenants.endCursor },
      { cookie: admin.cookie },
    );
    expect(second.data.platformTenants.tenants[0].slug).toBe(page.tenants[1].slug);
  });

  it('refuses everyone else', async () => {
    for (const query of [RUNNERS, TENANTS]) {
      expect(codeOf(await platform.graphql(query, {}, { cookie: member.cookie }))).toBe(
        'FORBIDDEN',
      );
      expect(codeOf(await platform.graphql(query, {}, key))).toBe('FORBIDDEN');
      expect(codeOf(await platform.graphql(query))).toBe('UNAUTHENTICATED');
    }
  });
});
