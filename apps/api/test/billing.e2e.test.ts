// Money through the api: exact charging under concurrency, monthly spend limits, usage reports
// that agree with the ledger to the micro-unit, Stripe top-ups through webhooks delivered more
// than once (against a local server that answers like Stripe), and ledger-only mode.
import { StripeAdapter } from '@modelhub/billing';
import { FakeStripe } from '@modelhub/billing/testing';
import { withTenant } from '@modelhub/db';
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
} from './platform-fixture.ts';

const codeOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions.code;
/** the direction classifier's demo price: 100 micro-USD per call */
const CALL_MICROS = 100n;

let fake: FakeStripe;
let platform: Platform;
beforeAll(async () => {
  fake = await FakeStripe.start();
  const stripe = new StripeAdapter({
    secretKey: fake.secretKey,
    webhookSecret: fake.webhookSecret,
    apiBase: fake.apiBase,
    timeoutMs: 2_000,
    maxNetworkRetries: 0,
  });
  platform = await startPlatform({ stripe });
});
afterAll(async () => {
  await platform?.close();
  await fake?.close();
});

async function orgWithCredit(slug: string, micros: bigint) {
  const org = await platform.db.organization.create({ data: { slug, name: slug } });
  await platform.db.ledgerEntry.create({
    data: { organizationId: org.id, kind: 'TOP_UP', amountMicros: micros, description: 'test' },
  });
  return org;
}

const balanceOf = async (organizationId: string) =>
  (
    await platform.db.ledgerEntry.aggregate({
      where: { organizationId },
      _sum: { amountMicros: true },
    })
  )._sum.amountMicros ?? 0n;

describe('charging', () => {
  it('lets 200 concurrent predictions against credit for 50 charge at most 50 and never overdraw', async () => {
    const org = await orgWithCredit('fifty-calls', 50n * CALL_MICROS);
    const key = await createTestKey(platform.db, { organizationId: org.id });
    const results = await Promise.all(
      Array.from({ length: 200 }, () =>
        platform.graphql(PREDICT, { model: CLASSIFIER, inputs: [classifierInput()] }, key),
      ),
    );
    const ok = results.filter((r) => !r.errors).length;
    const refused = results.filter((r) => codeOf(r) === 'PAYMENT_REQUIRED').length;
    expect(ok + refused).toBe(200);
    expect(ok).toBeGreaterThan(0);
    expect(ok).toBeLessThanOrEqual(50);
    const balance = await balanceOf(org.id);
    expect(balance).toBe(50n * CALL_MICROS - BigInt(ok) * CALL_MICROS);
    expect(balance >= 0n).toBe(true);
    expect(await platform.db.usageEvent.count({ where: { organizationId: org.id } })).toBe(ok);
  });

  it('stops an API key at its monthly spend limit with SPEND_LIMIT_EXCEEDED', async () => {
    const org = await orgWithCredit('limited-key', 1_000_000n);
    const key = await createTestKey(platform.db, { organizationId: org.id });
    await platform.db.apiKey.updateMany({
      where: { organizationId: org.id },
      data: { monthlySpendLimitMicros: 2n * CALL_MICROS },
    });
    const call = () =>
      platform.graphql(PREDICT, { model: CLASSIFIER, inputs: [classifierInput()] }, key);
    expect((await call()).errors).toBeUndefined();
    expect((await call()).errors).toBeUndefined();
    const third = await call();
    expect(codeOf(third)).toBe('SPEND_LIMIT_EXCEEDED');
    expect(await platform.db.usageEvent.count({ where: { organizationId: org.id } })).toBe(2);
  });

  it('reports usage that equals the usage events and the ledger’s debits, to the micro-unit', async () => {
    const user = await signUpUser(platform, 'reports@example.com');
    const org = await platform.db.organization.findUniqueOrThrow({
      where: { slug: user.personalOrg },
    });
    for (let i = 0; i < 3; i++) {
      const res = await platform.graphql(
        PREDICT,
        { model: CLASSIFIER, inputs: [classifierInput(i + 1)] },
        { cookie: user.cookie },
      );
      expect(res.errors).toBeUndefined();
    }
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 86_400_000).toISOString();
    const report = await platform.graphql(
      `query($from: DateTime!, $to: DateTime!) { viewer { organization {
        usage(from: $from, to: $to, groupBy: model) { label calls amountMicros }
        ledger(first: 10) { balanceMicros entries { kind amountMicros } } } } }`,
      { from, to },
      { cookie: user.cookie },
    );
    expect(report.errors).toBeUndefined();
    const rows = report.data.viewer.organization.usage;
    const reported = rows.reduce((sum: bigint, r: any) => sum + BigInt(r.amountMicros), 0n);
    const events = await withTenant(platform.db, org.id, (tx) =>
      tx.usageEvent.aggregate({ where: { organizationId: org.id }, _sum: { amountMicros: true } }),
    );
    const debits = report.data.viewer.organization.ledger.entries
      .filter((e: any) => e.kind === 'USAGE')
      .reduce((sum: bigint, e: any) => sum - BigInt(e.amountMicros), 0n);
    expect(reported).toBe(3n * CALL_MICROS);
    expect(events._sum.amountMicros).toBe(reported);
    expect(debits).toBe(reported);
    expect(rows[0].calls).toBe(3);

    const csv = await fetch(
      `${platform.api.url}/billing/usage.csv?from=${from}&to=${to}&groupBy=model`,
      { headers: { cookie: user.cookie } },
    );
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/,3,3,300$/);
  });
});

describe('Stripe top-ups', () => {
  it('credits a paid Checkout once although Stripe delivers the event three times', async () => {
    const user = await signUpUser(platform, 'topup@example.com');
    const org = await platform.db.organization.findUniqueOrThrow({
      where: { slug: user.personalOrg },
    });
    const before = await balanceOf(org.id);
    const started = await platform.graphql(
      `mutation { createTopUpCheckout(amountMicros: "10000000", successUrl: "http://127.0.0.1/ok", cancelUrl: "http://127.0.0.1/no") { checkoutUrl sessionId } }`,
      {},
      { cookie: user.cookie },
    );
    expect(started.errors).toBeUndefined();
    const { sessionId } = started.data.createTopUpCheckout;
    const session = fake.completeCheckoutSession(sessionId);
    const delivery = fake.signedDelivery(fake.event('checkout.session.completed', session));
    const deliver = (body: Buffer, signature: string) =>
      fetch(`${platform.api.url}/webhooks/stripe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': signature },
        body,
      });
    for (let i = 0; i < 3; i++) {
      expect((await deliver(delivery.body, delivery.signature)).status).toBe(200);
    }
    expect(await balanceOf(org.id)).toBe(before + 10_000_000n);

    // A forged delivery is refused and changes nothing.
    const forged = fake.signedDelivery(
      fake.event('checkout.session.completed', session),
      'whsec_not_stripe',
    );
    const res = await deliver(forged.body, forged.signature);
    expect(res.status).toBe(400);
    expect(await balanceOf(org.id)).toBe(before + 10_000_000n);
  });

  it('lets only billing managers start a top-up', async () => {
    const org = await orgWithCredit('dev-only', 0n);
    const key = await createTestKey(platform.db, {
      organizationId: org.id,
      scopes: ['PREDICT', 'READ', 'BILLING'],
    });
    const res = await platform.graphql(
      `mutation { createTopUpCheckout(amountMicros: "1000000", successUrl: "http://x/ok", cancelUrl: "http://x/no") { sessionId } }`,
      {},
      key,
    );
    expect(codeOf(res)).toBe('FORBIDDEN');
  });
});

describe('the organization’s monthly spend limit', () => {
  const SET_LIMIT = `mutation ($limit: BigInt) {
    setMonthlySpendLimit(limitMicros: $limit) { monthlySpendLimitMicros spentThisMonthMicros }
  }`;

  it('is set by billing managers, audited, and stops calls at the limit', async () => {
    const owner = await signUpUser(platform, 'limit-owner@example.com');
    const org = await platform.db.organization.findUniqueOrThrow({
      where: { slug: owner.personalOrg },
    });
    const set = await platform.graphql(
      SET_LIMIT,
      { limit: String(2n * CALL_MICROS) },
      {
        cookie: owner.cookie,
      },
    );
    expect(set.errors).toBeUndefined();
    expect(set.data.setMonthlySpendLimit).toEqual({
      monthlySpendLimitMicros: String(2n * CALL_MICROS),
      spentThisMonthMicros: '0',
    });
    const key = await createTestKey(platform.db, { organizationId: org.id });
    const call = () =>
      platform.graphql(PREDICT, { model: CLASSIFIER, inputs: [classifierInput()] }, key);
    expect((await call()).errors).toBeUndefined();
    expect((await call()).errors).toBeUndefined();
    const third = await call();
    expect(codeOf(third)).toBe('SPEND_LIMIT_EXCEEDED');
    expect(third.errors?.[0]?.extensions.scope).toBe('organization');

    const audit = await platform.db.auditLog.findFirstOrThrow({
      where: { organizationId: org.id, action: 'billing.spendLimit.update' },
    });
    expect(audit.metadata).toEqual({ from: null, to: String(2n * CALL_MICROS) });

    // removing it lets calls through again
    const removed = await platform.graphql(SET_LIMIT, { limit: null }, { cookie: owner.cookie });
    expect(removed.data.setMonthlySpendLimit.monthlySpendLimitMicros).toBeNull();
    expect(removed.data.setMonthlySpendLimit.spentThisMonthMicros).toBe(String(2n * CALL_MICROS));
    expect((await call()).errors).toBeUndefined();
  });

  it('refuses keys, negative amounts and absurd ones, changing nothing', async () => {
    const owner = await signUpUser(platform, 'limit-bad@example.com');
    const billingKey = await createTestKey(platform.db, {
      organizationId: (
        await platform.db.organization.findUniqueOrThrow({ where: { slug: owner.personalOrg } })
      ).id,
      scopes: ['BILLING', 'READ'],
    });
    expect(codeOf(await platform.graphql(SET_LIMIT, { limit: '1000' }, billingKey))).toBe(
      'FORBIDDEN',
    );
    for (const limit of ['-1', String(10n ** 16n)]) {
      const res = await platform.graphql(SET_LIMIT, { limit }, { cookie: owner.cookie });
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
    }
    const org = await platform.db.organization.findUniqueOrThrow({
      where: { slug: owner.personalOrg },
    });
    expect(org.monthlySpendLimitMicros).toBeNull();
  });
});

describe('ledger-only mode', () => {
  it('says so, refuses top-ups with SERVICE_UNAVAILABLE and answers webhooks 503', async () => {
    const ledgerOnly = await startPlatform({ stripe: null });
    try {
      expect((await ledgerOnly.graphql(`{ billingMode }`)).data.billingMode).toBe('ledger-only');
      const user = await signUpUser(ledgerOnly, 'ledger@example.com');
      const res = await ledgerOnly.graphql(
        `mutation { createTopUpCheckout(amountMicros: "1000000", successUrl: "http://x/ok", cancelUrl: "http://x/no") { sessionId } }`,
        {},
        { cookie: user.cookie },
      );
      expect(codeOf(res)).toBe('SERVICE_UNAVAILABLE');
      const hook = await fetch(`${ledgerOnly.api.url}/webhooks/stripe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=x' },
        body: '{}',
      });
      expect(hook.status).toBe(503);
    } finally {
      await ledgerOnly.close();
    }
  });
});

describe('credit adjustments', () => {
  it('are for platform administrators only, and audited in the organization adjusted', async () => {
    const org = await orgWithCredit('adjusted', 0n);
    const orgGlobalId = Buffer.from(`Organization:${org.id}`).toString('base64');
    const ADJUST = `mutation($org: ID!) { adjustCredit(organizationId: $org, amountMicros: "5000000", reason: "goodwill") { balanceMicros } }`;
    const member = await signUpUser(platform, 'not-admin@example.com');
    expect(
      codeOf(await platform.graphql(ADJUST, { org: orgGlobalId }, { cookie: member.cookie })),
    ).toBe('FORBIDDEN');
    expect(await balanceOf(org.id)).toBe(0n);

    const admin = await signUpUser(platform, 'admin@modelhub.test');
    await platform.db.user.update({ where: { id: admin.userId }, data: { isPlatformAdmin: true } });
    const adjusted = await platform.graphql(ADJUST, { org: orgGlobalId }, { cookie: admin.cookie });
    expect(adjusted.data.adjustCredit.balanceMicros).toBe('5000000');
    const audit = await withTenant(platform.db, org.id, (tx) =>
      tx.auditLog.findMany({ where: { action: 'credit.adjust' } }),
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorUserId).toBe(admin.userId);
  });
});
