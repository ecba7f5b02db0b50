// The one place that talks to Stripe, through the official SDK. Everything it returns to the rest
// of the package is either a Stripe object or a BillingError: STRIPE_UNAVAILABLE for what a later
// retry may fix (network, timeouts, 5xx, 429), STRIPE_REJECTED for what it will not.
import type { Db } from '@modelhub/db';
import Stripe from 'stripe';
import { z } from 'zod';
import { BillingError } from '../billing-error.ts';
import { parseInput } from '../parse-input.ts';
import { microsToMinorUnits } from './minor-units.ts';

export interface StripeApiBase {
  host: string;
  port: number;
  protocol: 'http' | 'https';
}

export interface StripeAdapterOptions {
  secretKey: string;
  /** the endpoint's signing secret (`whsec_...`); webhooks are refused without it */
  webhookSecret?: string | undefined;
  /** another API host, e.g. a local fake in tests: `{ host, port, protocol }` or a URL */
  apiBase?: StripeApiBase | string | undefined;
  /** the `event_name` of the Stripe Billing Meter that usage is reported to */
  meterEventName?: string | undefined;
  /** per HTTP attempt (default 20 s) */
  timeoutMs?: number | undefined;
  /** the SDK's own retries of one call, with the same idempotency key (default 2) */
  maxNetworkRetries?: number | undefined;
}

export const DEFAULT_METER_EVENT_NAME = 'modelhub_usage_micros';

/** What a meter event needs of a usage event. */
export interface MeterableUsage {
  id: string;
  amountMicros: bigint;
  createdAt: Date;
}

export interface TopUpCheckoutInput {
  organizationId: string;
  /** whole cents, from 1 USD to 10,000 USD */
  amountMicros: bigint;
  successUrl: string;
  cancelUrl: string;
}

export interface TopUpCheckout {
  sessionId: string;
  /** where to send the customer to pay */
  url: string;
}

/** Metadata every top-up Checkout Session carries, read back by the webhook handler. */
export const TOP_UP_PURPOSE = 'top_up';

const httpUrl = z.url({ protocol: /^https?$/ });
const topUpSchema = z.strictObject({
  organizationId: z.string().min(1),
  amountMicros: z.bigint().min(1_000_000n).max(10_000_000_000n),
  successUrl: httpUrl,
  cancelUrl: httpUrl,
});

export class StripeAdapter {
  readonly stripe: Stripe;
  readonly meterEventName: string;
  private readonly webhookSecret: string | undefined;
  /** the longest one SDK call can take, retries included: bounds transactions held around one */
  private readonly callBudgetMs: number;

  constructor(options: StripeAdapterOptions) {
    if (!options.secretKey) {
      throw new BillingError('STRIPE_NOT_CONFIGURED', 'a Stripe secret key is required');
    }
    const timeout = options.timeoutMs ?? 20_000;
    const maxNetworkRetries = options.maxNetworkRetries ?? 2;
    const base = parseApiBase(options.apiBase);
    this.stripe = new Stripe(options.secretKey, {
      timeout,
      maxNetworkRetries,
      telemetry: false,
      appInfo: { name: 'modelhub' },
      ...(base ? { host: base.host, port: base.port, protocol: base.protocol } : {}),
    });
    this.webhookSecret = options.webhookSecret || undefined;
    this.meterEventName = options.meterEventName ?? DEFAULT_METER_EVENT_NAME;
    this.callBudgetMs = timeout * (maxNetworkRetries + 1) + 2_000 * maxNetworkRetries;
  }

  /**
   * The organization's Stripe customer, created on first use and stored in
   * `Organization.stripeCustomerId`. Concurrent calls (in any process) create one customer: they
   * queue on an advisory lock, and the creation carries an idempotency key, so even a crash
   * between Stripe's answer and our commit finds the same customer on the next try.
   */
  async ensureCustomer(db: Db, organizationId: string): Promise<string> {
    const known = await db.organization.findUnique({
      where: { id: organizationId },
      select: { stripeCustomerId: true },
    });
    if (known?.stripeCustomerId) return known.stripeCustomerId;
    return db.$transaction(
      async (tx) => {
        const key = `modelhub.stripe-customer:${organizationId}`;
        await tx.$queryRaw`SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))) AS locked`;
        const org = await tx.organization.findUnique({ where: { id: organizationId } });
        if (!org) throw new BillingError('NOT_FOUND', `organization '${organizationId}' not found`);
        if (org.stripeCustomerId) return org.stripeCustomerId;
        const customer = await this.call('create a customer', () =>
          this.stripe.customers.create(
            { name: org.name, metadata: { organizationId: org.id, organizationSlug: org.slug } },
            // Same key for a retry after a crash; a new one once a deleted customer was unlinked
            // (which updates the row), or Stripe would replay the deleted customer.
            { idempotencyKey: `modelhub-customer-${org.id}-${org.updatedAt.getTime()}` },
          ),
        );
        await tx.organization.update({
          where: { id: org.id },
          data: { stripeCustomerId: customer.id },
        });
        return customer.id;
      },
      { timeout: this.callBudgetMs + 5_000, maxWait: 10_000 },
    );
  }

  /** A Stripe Checkout Session that buys `amountMicros` of credit; the webhook credits it. */
  async createTopUpCheckout(db: Db, input: TopUpCheckoutInput): Promise<TopUpCheckout> {
    const { organizationId, amountMicros, successUrl, cancelUrl } = parseInput(
      topUpSchema,
      input,
      'top-up',
    );
    const unitAmount = microsToMinorUnits(amountMicros, 'usd');
    const customer = await this.ensureCustomer(db, organizationId);
    const metadata = {
      purpose: TOP_UP_PURPOSE,
      organizationId,
      amountMicros: amountMicros.toString(),
    };
    const session = await this.call('create a Checkout Session', () =>
      this.stripe.checkout.sessions.create({
        mode: 'payment',
        customer,
        client_reference_id: organizationId,
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: 'usd',
              unit_amount: unitAmount,
              product_data: { name: 'Modelhub credit' },
            },
          },
        ],
        metadata,
        payment_intent_data: { metadata },
        success_url: successUrl,
        cancel_url: cancelUrl,
      }),
    );
    if (!session.url) {
      throw new BillingError('STRIPE_REJECTED', `Checkout Session ${session.id} has no URL`);
    }
    return { sessionId: session.id, url: session.url };
  }

  /**
   * Reports one usage event to the Billing Meter: value = its amount in micro-units, identifier =
   * its id. Stripe keeps one event per identifier, so reporting again after a lost response is
   * harmless; such a repeat answers 'duplicate'.
   */
  async reportMeterEvent(
    usage: MeterableUsage,
    stripeCustomerId: string,
  ): Promise<'reported' | 'duplicate'> {
    try {
      await this.stripe.billing.meterEvents.create({
        event_name: this.meterEventName,
        identifier: usage.id,
        timestamp: Math.floor(usage.createdAt.getTime() / 1000),
        payload: { stripe_customer_id: stripeCustomerId, value: usage.amountMicros.toString() },
      });
      return 'reported';
    } catch (error) {
      if (isDuplicateIdentifier(error)) return 'duplicate';
      throw toBillingError(error, 'report a meter event');
    }
  }

  /** The event, if the signature over the raw body verifies; INVALID_SIGNATURE otherwise. */
  verifyWebhook(rawBody: Buffer, signatureHeader: string): Stripe.Event {
    if (!this.webhookSecret) {
      throw new BillingError('STRIPE_NOT_CONFIGURED', 'no webhook signing secret is configured');
    }
    if (!Buffer.isBuffer(rawBody)) {
      throw new BillingError('INVALID_INPUT', 'the webhook body must be the raw request bytes');
    }
    try {
      return this.stripe.webhooks.constructEvent(rawBody, signatureHeader, this.webhookSecret);
    } catch (error) {
      if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
        throw new BillingError('INVALID_SIGNATURE', 'the webhook signature does not verify', {});
      }
      throw new BillingError(
        'INVALID_INPUT',
        'the webhook body is not a Stripe event',
        {},
        {
          cause: error,
        },
      );
    }
  }

  async retrieveCheckoutSession(id: string): Promise<Stripe.Checkout.Session> {
    return this.call('read a Checkout Session', () => this.stripe.checkout.sessions.retrieve(id));
  }

  async retrieveInvoice(id: string): Promise<Stripe.Invoice> {
    return this.call('read an invoice', () => this.stripe.invoices.retrieve(id));
  }

  async retrieveCustomer(id: string): Promise<Stripe.Customer | Stripe.DeletedCustomer> {
    return this.call('read a customer', () => this.stripe.customers.retrieve(id));
  }

  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw toBillingError(error, what);
    }
  }
}

function parseApiBase(base: StripeApiBase | string | undefined): StripeApiBase | null {
  if (base === undefined || base === '') return null;
  if (typeof base !== 'string') return base;
  const url = new URL(base);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443,
    protocol,
  };
}

// Stripe answers a meter event whose identifier it already holds with an invalid-request error
// (`resource_already_exists`); the event was recorded the first time.
function isDuplicateIdentifier(error: unknown): boolean {
  return (
    error instanceof Stripe.errors.StripeInvalidRequestError &&
    (error.code === 'resource_already_exists' ||
      (/identifier/i.test(error.message) && /already/i.test(error.message)))
  );
}

export function toBillingError(error: unknown, what: string): BillingError {
  if (error instanceof BillingError) return error;
  if (error instanceof Stripe.errors.StripeError) {
    const status = error.statusCode;
    const retryable =
      error instanceof Stripe.errors.StripeConnectionError ||
      status === undefined ||
      status === 429 ||
      status >= 500;
    return new BillingError(
      retryable ? 'STRIPE_UNAVAILABLE' : 'STRIPE_REJECTED',
      `Stripe could not ${what}: ${error.message}`,
      { stripeStatus: status ?? null, stripeCode: error.code ?? null },
      { cause: error },
    );
  }
  return new BillingError(
    'STRIPE_UNAVAILABLE',
    `Stripe could not ${what}: ${error instanceof Error ? error.message : String(error)}`,
    {},
    { cause: error },
  );
}
