import { ConfigError } from '@modelhub/config';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createBillingFixture,
  createOrganization,
  type BillingFixture,
} from '../../test/billing-fixture.ts';
import { FakeStripe } from '../../test/fake-stripe.ts';
import { billingMode, stripeAdapterFromEnv } from '../billing-config.ts';
import { isBillingError } from '../billing-error.ts';
import { StripeAdapter } from './stripe-adapter.ts';

let f: BillingFixture;
let fake: FakeStripe;
let adapter: StripeAdapter;

beforeAll(async () => {
  f = await createBillingFixture();
  fake = await FakeStripe.start();
  adapter = new StripeAdapter({
    secretKey: fake.secretKey,
    webhookSecret: fake.webhookSecret,
    apiBase: fake.apiBase,
    timeoutMs: 500,
    maxNetworkRetries: 0,
  });
});
afterAll(async () => {
  await fake.close();
  await f.close();
});
beforeEach(() => {
  fake.failNext(0);
  fake.hangNext(0);
});

describe('StripeAdapter.ensureCustomer', () => {
  it('creates one customer for concurrent callers and stores it on the organization', async () => {
    const org = await createOrganization(f.db);
    const ids = await Promise.all(
      Array.from({ length: 12 }, () => adapter.ensureCustomer(f.db, org.id)),
    );
    expect(new Set(ids).size).toBe(1);
    const [id] = ids;
    expect(fake.customers.get(id!)).toMatchObject({ metadata: { organizationId: org.id } });
    expect(fake.requestsTo('POST', '/v1/customers')).toHaveLength(1);
    const stored = await f.db.organization.findUniqueOrThrow({ where: { id: org.id } });
    expect(stored.stripeCustomerId).toBe(id);
    // Known from now on: no more calls.
    await adapter.ensureCustomer(f.db, org.id);
    expect(fake.requestsTo('POST', '/v1/customers')).toHaveLength(1);
  });

  it('refuses an unknown organization without calling Stripe', async () => {
    const before = fake.requests.length;
    const error = await adapter.ensureCustomer(f.db, 'no-such-org').catch((e: unknown) => e);
    expect(isBillingError(error, 'NOT_FOUND')).toBe(true);
    expect(fake.requests.length).toBe(before);
  });

  it('answers STRIPE_UNAVAILABLE on 500s and timeouts, storing nothing', async () => {
    const org = await createOrganization(f.db);
    fake.failNext(1);
    const failed = await adapter.ensureCustomer(f.db, org.id).catch((e: unknown) => e);
    expect(isBillingError(failed, 'STRIPE_UNAVAILABLE')).toBe(true);
    fake.hangNext(1);
    const timedOut = await adapter.ensureCustomer(f.db, org.id).catch((e: unknown) => e);
    expect(isBillingError(timedOut, 'STRIPE_UNAVAILABLE')).toBe(true);
    expect(
      (await f.db.organization.findUniqueOrThrow({ where: { id: org.id } })).stripeCustomerId,
    ).toBeNull();
    // The hung request did create a customer; the retry's idempotency key finds that one.
    const id = await adapter.ensureCustomer(f.db, org.id);
    const forOrg = [...fake.customers.values()].filter((c) => c.metadata.organizationId === org.id);
    expect(forOrg.map((c) => c.id)).toEqual([id]);
  });

  it('answers STRIPE_REJECTED when Stripe refuses the key', async () => {
    const org = await createOrganization(f.db);
    const wrongKey = new StripeAdapter({
      secretKey: 'sk_test_wrong',
      apiBase: fake.apiBase,
      maxNetworkRetries: 0,
    });
    const error = await wrongKey.ensureCustomer(f.db, org.id).catch((e: unknown) => e);
    expect(isBillingError(error, 'STRIPE_REJECTED')).toBe(true);
  });
});

describe('StripeAdapter.createTopUpCheckout', () => {
  it('creates a payment session for the amount, carrying the organization and amount', async () => {
    const org = await createOrganization(f.db);
    const checkout = await adapter.createTopUpCheckout(f.db, {
      organizationId: org.id,
      amountMicros: 25_000_000n,
      successUrl: 'https://modelhub.test/billing?topup=ok',
      cancelUrl: 'https://modelhub.test/billing',
    });
    const session = fake.checkoutSessions.get(checkout.sessionId);
    expect(checkout.url).toBe(session?.url);
    const customer = await f.db.organization.findUniqueOrThrow({ where: { id: org.id } });
    expect(session).toMatchObject({
      mode: 'payment',
      customer: customer.stripeCustomerId,
      amount_total: 2_500,
      currency: 'usd',
      payment_status: 'unpaid',
      metadata: { purpose: 'top_up', organizationId: org.id, amountMicros: '25000000' },
      success_url: 'https://modelhub.test/billing?topup=ok',
    });
  });

  it('refuses amounts and URLs it cannot use, before calling Stripe', async () => {
    const org = await createOrganization(f.db);
    const good = {
      organizationId: org.id,
      amountMicros: 10_000_000n,
      successUrl: 'https://modelhub.test/ok',
      cancelUrl: 'https://modelhub.test/cancel',
    };
    const before = fake.requests.length;
    for (const bad of [
      { ...good, amountMicros: 10_000_001n }, // a fraction of a cent
      { ...good, amountMicros: 999_999n }, // under 1 USD
      { ...good, amountMicros: 20_000_000_000n }, // over 10,000 USD
      { ...good, amountMicros: 10 },
      { ...good, successUrl: 'javascript:alert(1)' },
      { ...good, cancelUrl: 'not a url' },
      { ...good, extra: true },
    ]) {
      const error = await adapter.createTopUpCheckout(f.db, bad as never).catch((e: unknown) => e);
      expect(isBillingError(error, 'INVALID_INPUT')).toBe(true);
    }
    expect(fake.requests.length).toBe(before);
  });
});

describe('StripeAdapter.reportMeterEvent', () => {
  it('reports the amount under the usage id, and a repeat is a harmless duplicate', async () => {
    const org = await createOrganization(f.db);
    const customer = await adapter.ensureCustomer(f.db, org.id);
    const usage = { id: 'usage-one', amountMicros: 1_234n, createdAt: new Date() };
    expect(await adapter.reportMeterEvent(usage, customer)).toBe('reported');
    expect(await adapter.reportMeterEvent(usage, customer)).toBe('duplicate');
    expect(fake.meterEvents.get('usage-one')).toMatchObject({
      event_name: 'modelhub_usage_micros',
      payload: { stripe_customer_id: customer, value: '1234' },
      timestamp: Math.floor(usage.createdAt.getTime() / 1000),
    });
    expect(fake.requestsTo('POST', '/v1/billing/meter_events')).toHaveLength(2);
  });
});

describe('ledger-only mode', () => {
  it('is the mode without STRIPE_SECRET_KEY, and then there is no adapter', () => {
    expect(billingMode({})).toBe('ledger-only');
    expect(billingMode({ STRIPE_SECRET_KEY: '' })).toBe('ledger-only');
    expect(stripeAdapterFromEnv({})).toBeNull();
    expect(billingMode({ STRIPE_SECRET_KEY: 'sk_test_x' })).toBe('stripe');
    const fromEnv = stripeAdapterFromEnv({
      STRIPE_SECRET_KEY: fake.secretKey,
      STRIPE_WEBHOOK_SECRET: fake.webhookSecret,
      STRIPE_API_BASE: fake.url,
      STRIPE_METER_EVENT_NAME: 'calls',
    });
    expect(fromEnv).toBeInstanceOf(StripeAdapter);
    expect(fromEnv?.meterEventName).toBe('calls');
  });

  it('refuses a malformed Stripe configuration at start-up', () => {
    expect(() => billingMode({ STRIPE_SECRET_KEY: 'pk_test_public' })).toThrow(ConfigError);
    expect(() => billingMode({ STRIPE_WEBHOOK_SECRET: 'whsec_x' })).toThrow(/STRIPE_SECRET_KEY/);
    expect(() =>
      billingMode({ STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_API_BASE: 'ftp://x' }),
    ).toThrow(/STRIPE_API_BASE/);
  });

  it('reaches the configured API base through the environment', async () => {
    const fromEnv = stripeAdapterFromEnv(
      { STRIPE_SECRET_KEY: fake.secretKey, STRIPE_API_BASE: fake.url },
      { maxNetworkRetries: 0 },
    )!;
    const org = await createOrganization(f.db);
    const id = await fromEnv.ensureCustomer(f.db, org.id);
    expect(fake.customers.has(id)).toBe(true);
  });
});
