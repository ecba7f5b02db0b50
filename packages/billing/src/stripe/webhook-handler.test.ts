import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createBillingFixture,
  createOrganization,
  type BillingFixture,
} from '../../test/billing-fixture.ts';
import { FakeStripe } from '../../test/fake-stripe.ts';
import { isBillingError } from '../billing-error.ts';
import { balanceOf } from '../usage-recorder.ts';
import { StripeAdapter } from './stripe-adapter.ts';
import { handleStripeWebhook } from './webhook-handler.ts';

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

async function deliver(event: ReturnType<FakeStripe['event']>) {
  const { body, signature } = fake.signedDelivery(event);
  return handleStripeWebhook(f.appDb, adapter, body, signature);
}

async function topUp(amountMicros = 25_000_000n) {
  const org = await createOrganization(f.db);
  const checkout = await adapter.createTopUpCheckout(f.db, {
    organizationId: org.id,
    amountMicros,
    successUrl: 'https://modelhub.test/ok',
    cancelUrl: 'https://modelhub.test/cancel',
  });
  return { org, sessionId: checkout.sessionId };
}

const topUps = (organizationId: string) =>
  f.db.ledgerEntry.findMany({ where: { organizationId, kind: 'TOP_UP' } });

describe('handleStripeWebhook: top-ups', () => {
  it('credits a paid Checkout Session once, however often the event is delivered', async () => {
    const { org, sessionId } = await topUp();
    const event = fake.event('checkout.session.completed', fake.completeCheckoutSession(sessionId));
    const outcomes = [await deliver(event), await deliver(event), await deliver(event)];
    expect(outcomes.map((o) => o.status)).toEqual(['processed', 'duplicate', 'duplicate']);
    // A different event about the same session (and a concurrent burst of it) adds nothing.
    const async = fake.event(
      'checkout.session.async_payment_succeeded',
      fake.checkoutSessions.get(sessionId)!,
    );
    const burst = await Promise.all([deliver(async), deliver(async), deliver(async)]);
    expect(burst.filter((o) => o.detail === 'already credited').length).toBeGreaterThanOrEqual(1);
    const credits = await topUps(org.id);
    expect(credits).toHaveLength(1);
    expect(credits[0]).toMatchObject({ amountMicros: 25_000_000n, stripeObjectId: sessionId });
    expect(await balanceOf(f.db, org.id)).toBe(25_000_000n);
    const recorded = await f.db.stripeEvent.findUniqueOrThrow({ where: { id: event.id } });
    expect(recorded).toMatchObject({ type: 'checkout.session.completed', error: null });
    expect(recorded.processedAt).toBeInstanceOf(Date);
  });

  it("acts on the session as Stripe holds it, not on the event's payload", async () => {
    const { org, sessionId } = await topUp(10_000_000n);
    // Signed, but the snapshot claims a paid session of a larger amount: Stripe says unpaid.
    const forged = fake.event('checkout.session.completed', {
      ...fake.checkoutSessions.get(sessionId)!,
      payment_status: 'paid',
      amount_total: 999_999,
    });
    expect(await deliver(forged)).toMatchObject({ status: 'ignored', detail: 'payment unpaid' });
    expect(await topUps(org.id)).toHaveLength(0);
    fake.completeCheckoutSession(sessionId);
    await deliver(fake.event('checkout.session.completed', fake.checkoutSessions.get(sessionId)!));
    expect((await topUps(org.id)).map((e) => e.amountMicros)).toEqual([10_000_000n]);
  });

  it('refuses a session that names another organization, keeping the error for a retry', async () => {
    const { sessionId } = await topUp();
    const other = await createOrganization(f.db);
    const session = fake.completeCheckoutSession(sessionId);
    session.metadata.organizationId = other.id;
    const event = fake.event('checkout.session.completed', session);
    const error = await deliver(event).catch((e: unknown) => e);
    expect(isBillingError(error, 'WEBHOOK_MISMATCH')).toBe(true);
    expect(await topUps(other.id)).toHaveLength(0);
    const recorded = await f.db.stripeEvent.findUniqueOrThrow({ where: { id: event.id } });
    expect(recorded.processedAt).toBeNull();
    expect(recorded.error).toMatch(/does not belong/);
  });

  it('handles a redelivery after Stripe was unreachable', async () => {
    const { org, sessionId } = await topUp();
    const event = fake.event('checkout.session.completed', fake.completeCheckoutSession(sessionId));
    fake.failNext(1);
    const error = await deliver(event).catch((e: unknown) => e);
    expect(isBillingError(error, 'STRIPE_UNAVAILABLE')).toBe(true);
    expect(await topUps(org.id)).toHaveLength(0);
    expect(await deliver(event)).toMatchObject({ status: 'processed' });
    expect(await topUps(org.id)).toHaveLength(1);
  });
});

describe('handleStripeWebhook: signatures', () => {
  it('refuses a bad signature with INVALID_SIGNATURE before writing anything', async () => {
    const { org, sessionId } = await topUp();
    const event = fake.event('checkout.session.completed', fake.completeCheckoutSession(sessionId));
    const { body, signature } = fake.signedDelivery(event);
    const tampered = Buffer.from(
      body.toString('utf8').replace('"livemode":false', '"livemode":true '),
    );
    const stale = Stripe.webhooks.generateTestHeaderString({
      payload: body.toString('utf8'),
      secret: fake.webhookSecret,
      timestamp: Math.floor(Date.now() / 1000) - 3600,
    });
    const attempts: [Buffer, string][] = [
      [body, fake.signedDelivery(event, 'whsec_someone_else').signature],
      [tampered, signature],
      [body, ''],
      [body, 't=1,v1=00'],
      [body, stale],
    ];
    const eventsBefore = await f.db.stripeEvent.count();
    for (const [raw, header] of attempts) {
      const error = await handleStripeWebhook(f.appDb, adapter, raw, header).catch(
        (e: unknown) => e,
      );
      expect(isBillingError(error, 'INVALID_SIGNATURE')).toBe(true);
    }
    expect(await f.db.stripeEvent.count()).toBe(eventsBefore);
    expect(await topUps(org.id)).toHaveLength(0);
  });

  it('refuses webhooks when no signing secret is configured', async () => {
    const event = fake.event('customer.updated', { id: 'cus_x' });
    const { body, signature } = fake.signedDelivery(event);
    const unsigned = new StripeAdapter({ secretKey: fake.secretKey, apiBase: fake.apiBase });
    const error = await handleStripeWebhook(f.db, unsigned, body, signature).catch(
      (e: unknown) => e,
    );
    expect(isBillingError(error, 'STRIPE_NOT_CONFIGURED')).toBe(true);
  });

  it('records and ignores event types it does not handle', async () => {
    const event = fake.event('charge.refund.updated', { id: 're_123' });
    expect(await deliver(event)).toMatchObject({ status: 'ignored' });
    expect(await deliver(event)).toMatchObject({ status: 'duplicate' });
  });
});

describe('handleStripeWebhook: invoices and customers', () => {
  it('upserts invoices with the status Stripe holds now, even when events arrive out of order', async () => {
    const org = await createOrganization(f.db, { billingMode: 'POSTPAID' });
    const customer = await adapter.ensureCustomer(f.db, org.id);
    const invoice = fake.createInvoice({ customer, status: 'open', amount_due: 12_345 });
    const failed = fake.event('invoice.payment_failed', invoice);
    expect(await deliver(failed)).toMatchObject({ status: 'processed', detail: 'invoice OPEN' });
    const row = await f.db.invoice.findUniqueOrThrow({ where: { stripeInvoiceId: invoice.id } });
    expect(row).toMatchObject({
      organizationId: org.id,
      status: 'OPEN',
      amountDueMicros: 123_450_000n,
      amountPaidMicros: 0n,
      number: invoice.number,
      hostedInvoiceUrl: invoice.hosted_invoice_url,
      periodStart: new Date(invoice.period_start * 1000),
    });
    Object.assign(invoice, { status: 'paid', amount_paid: 12_345 });
    expect(await deliver(fake.event('invoice.paid', invoice))).toMatchObject({
      detail: 'invoice PAID',
    });
    // A late copy of the failure (a new event id) re-reads the invoice: still paid.
    await deliver(fake.event('invoice.payment_failed', { ...invoice, status: 'open' }));
    const rows = await f.db.invoice.findMany({ where: { organizationId: org.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: row.id, status: 'PAID', amountPaidMicros: 123_450_000n });
  });

  it("ignores invoices of customers that are not an organization's", async () => {
    fake.customers.set('cus_elsewhere', {
      id: 'cus_elsewhere',
      object: 'customer',
      created: 0,
      livemode: false,
      name: null,
      email: null,
      metadata: {},
    });
    const invoice = fake.createInvoice({ customer: 'cus_elsewhere', amount_due: 1 });
    expect(await deliver(fake.event('invoice.paid', invoice))).toMatchObject({
      status: 'ignored',
    });
    expect(await f.db.invoice.count({ where: { stripeInvoiceId: invoice.id } })).toBe(0);
  });

  it('unlinks a deleted customer, so the next top-up creates a new one', async () => {
    const org = await createOrganization(f.db);
    const customer = await adapter.ensureCustomer(f.db, org.id);
    const snapshot = fake.customers.get(customer)!;
    // Still live: the event changes nothing.
    expect(await deliver(fake.event('customer.updated', snapshot))).toMatchObject({
      detail: 'customer still linked',
    });
    fake.deleteCustomer(customer);
    expect(await deliver(fake.event('customer.updated', snapshot))).toMatchObject({
      status: 'processed',
      detail: 'unlinked from 1 organization(s)',
    });
    expect(
      (await f.db.organization.findUniqueOrThrow({ where: { id: org.id } })).stripeCustomerId,
    ).toBeNull();
    const replacement = await adapter.ensureCustomer(f.db, org.id);
    expect(replacement).not.toBe(customer);
    expect(fake.customers.get(replacement)?.deleted).toBeUndefined();
  });
});
