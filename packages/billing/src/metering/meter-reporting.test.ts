import { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createBillingFixture,
  createOrganization,
  createPublishedVersion,
  recordAsApi,
  succeeded,
  type BillingFixture,
  type PublishedVersion,
} from '../../test/billing-fixture.ts';
import { FakeStripe } from '../../test/fake-stripe.ts';
import { StripeAdapter } from '../stripe/stripe-adapter.ts';
import { startMeterReporting, type MeterReporting } from './meter-reporting.ts';
import { reportUsageEvent } from './report-usage-event.ts';

let f: BillingFixture;
let fake: FakeStripe;
let adapter: StripeAdapter;
let boss: PgBoss;
let reporting: MeterReporting;
let version: PublishedVersion;
const bossErrors: unknown[] = [];

beforeAll(async () => {
  f = await createBillingFixture();
  fake = await FakeStripe.start();
  adapter = new StripeAdapter({
    secretKey: fake.secretKey,
    apiBase: fake.apiBase,
    timeoutMs: 400,
    maxNetworkRetries: 0,
  });
  boss = new PgBoss({ connectionString: f.test.url, schema: 'pgboss', max: 4 });
  boss.on('error', (error) => bossErrors.push(error));
  await boss.start();
  reporting = await startMeterReporting({
    db: f.db,
    boss,
    adapter,
    sweepCron: null,
    retryDelaySeconds: 1,
    retryDelayMaxSeconds: 2,
    retryLimit: 20,
    pollingIntervalSeconds: 0.5,
    concurrency: 4,
  });
  const publisher = await createOrganization(f.db);
  version = await createPublishedVersion(f.db, publisher.id, { amountMicros: 1_500n });
});
afterAll(async () => {
  await reporting?.stop();
  await boss?.stop({ graceful: true, timeout: 10_000 });
  await fake?.close();
  await f?.close();
});

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not done within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const meterRequests = () => fake.requestsTo('POST', '/v1/billing/meter_events');

describe('meter reporting', () => {
  it('reports every postpaid usage event exactly once through a Stripe outage', async () => {
    const postpaid = await createOrganization(f.db, { billingMode: 'POSTPAID' });
    await adapter.ensureCustomer(f.db, postpaid.id);
    const prepaid = await createOrganization(f.db, { creditMicros: 1_000_000n });
    const used = [];
    for (let i = 0; i < 12; i++) {
      used.push(await recordAsApi(f.appDb, succeeded(version, postpaid.id)));
    }
    const prepaidUse = await recordAsApi(f.appDb, succeeded(version, prepaid.id));
    const ids = used.map((u) => u.usageEventId).sort();

    // The outage: 500s first, then requests that time out after Stripe processed them.
    fake.failNext(8);
    fake.hangNext(4);
    expect(await reporting.sweep()).toBe(12);
    // A sweep while the jobs are still queued or retrying adds no second job for any event.
    await reporting.sweep();
    await waitFor(
      async () =>
        (await f.db.usageEvent.count({
          where: { organizationId: postpaid.id, reportedAt: { not: null } },
        })) === 12,
      90_000,
    );

    const requests = meterRequests();
    expect(requests.filter((r) => r.outcome === 'injected-failure')).toHaveLength(8);
    expect(requests.filter((r) => r.outcome === 'hung')).toHaveLength(4);
    expect([...fake.meterEvents.keys()].sort()).toEqual(ids);
    for (const u of used) {
      expect(fake.meterEvents.get(u.usageEventId)?.payload.value).toBe(
        String(u.charge.amountMicros),
      );
      // Stripe took each event once; every later attempt for it was answered as a duplicate.
      const forEvent = requests.filter((r) => r.params.identifier === u.usageEventId);
      expect(forEvent.filter((r) => r.status === 200)).toHaveLength(1);
      const afterAccepted = forEvent.slice(forEvent.findIndex((r) => r.status === 200) + 1);
      expect(afterAccepted.every((r) => r.status === 400)).toBe(true);
    }
    // The four lost answers were retried and recognized as duplicates.
    expect(requests.filter((r) => r.status === 400)).toHaveLength(4);

    // Once marked, nothing is sent again.
    const sent = requests.length;
    expect(await reporting.sweep()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(meterRequests()).toHaveLength(sent);
    expect(fake.meterEvents.has(prepaidUse.usageEventId)).toBe(false);
    expect(
      (await f.db.usageEvent.findUniqueOrThrow({ where: { id: prepaidUse.usageEventId } }))
        .reportedAt,
    ).toBeNull();
    expect(bossErrors).toEqual([]);
  });

  it('creates the Stripe customer of a postpaid organization that has none', async () => {
    const postpaid = await createOrganization(f.db, { billingMode: 'POSTPAID' });
    const usage = await recordAsApi(f.appDb, succeeded(version, postpaid.id));
    expect(await reportUsageEvent(f.db, adapter, usage.usageEventId)).toBe('reported');
    const org = await f.db.organization.findUniqueOrThrow({ where: { id: postpaid.id } });
    expect(fake.meterEvents.get(usage.usageEventId)?.payload.stripe_customer_id).toBe(
      org.stripeCustomerId,
    );
    expect(await reportUsageEvent(f.db, adapter, usage.usageEventId)).toBe('already-reported');
  });

  it('skips free usage and usage older than Stripe accepts', async () => {
    const postpaid = await createOrganization(f.db, { billingMode: 'POSTPAID' });
    const free = await createPublishedVersion(f.db, version.publisherOrganizationId, {
      amountMicros: 0n,
    });
    await recordAsApi(f.appDb, succeeded(free, postpaid.id));
    const old = await recordAsApi(f.appDb, succeeded(version, postpaid.id));
    await f.db.usageEvent.update({
      where: { id: old.usageEventId },
      data: { createdAt: new Date(Date.now() - 40 * 86_400_000) },
    });
    expect(await reporting.sweep()).toBe(0);
  });
});
