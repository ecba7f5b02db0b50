// Stripe webhooks: verified over the raw body, recorded once per event id, and acted on from the
// objects as Stripe holds them now (re-read through the API), never from the event's payload,
// which may be stale (events arrive out of order) and is only as trustworthy as its signature.
// Every effect is idempotent on its own (a top-up credit is unique per Checkout Session, an
// invoice per Stripe invoice id), so a redelivery, or two deliveries at once, change nothing more.
import {
  withTenant,
  type Db,
  type InvoiceStatus,
  type Organization,
  type Prisma,
} from '@modelhub/db';
import type Stripe from 'stripe';
import { BillingError } from '../billing-error.ts';
import { minorUnitsToMicros } from './minor-units.ts';
import { TOP_UP_PURPOSE, type StripeAdapter } from './stripe-adapter.ts';

export interface WebhookOutcome {
  eventId: string;
  type: string;
  /** processed: acted on; duplicate: this event id was handled before; ignored: nothing to do */
  status: 'processed' | 'duplicate' | 'ignored';
  /** what happened, for logs: 'credited', 'already credited', 'invoice PAID', ... */
  detail: string;
}

type Effect = Pick<WebhookOutcome, 'status' | 'detail'>;

const TOP_UP_EVENTS = new Set([
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
]);
const INVOICE_EVENTS = new Set([
  'invoice.paid',
  'invoice.payment_failed',
  'invoice.finalized',
  'invoice.voided',
  'invoice.marked_uncollectible',
]);
const CUSTOMER_EVENTS = new Set(['customer.updated', 'customer.deleted']);

/**
 * Handles one delivery. Throws BillingError INVALID_SIGNATURE (answer 400) before touching the
 * database when the signature does not verify; any other error means "answer 5xx": Stripe
 * delivers the event again later, and the error is kept on the StripeEvent row.
 */
export async function handleStripeWebhook(
  db: Db,
  adapter: StripeAdapter,
  rawBody: Buffer,
  signatureHeader: string,
): Promise<WebhookOutcome> {
  const event = adapter.verifyWebhook(rawBody, signatureHeader);
  const base = { eventId: event.id, type: event.type };
  const inserted = await db.stripeEvent.createMany({
    data: [
      {
        id: event.id,
        type: event.type,
        payload: event as unknown as Prisma.InputJsonObject,
      },
    ],
    skipDuplicates: true,
  });
  if (inserted.count === 0) {
    const seen = await db.stripeEvent.findUnique({ where: { id: event.id } });
    if (seen?.processedAt) return { ...base, status: 'duplicate', detail: 'already handled' };
    // An earlier delivery failed (or is still running): act again; the effects are idempotent.
  }
  try {
    const effect = await applyEvent(db, adapter, event);
    await db.stripeEvent.update({
      where: { id: event.id },
      data: { processedAt: new Date(), error: null },
    });
    return { ...base, ...effect };
  } catch (error) {
    await db.stripeEvent.update({
      where: { id: event.id },
      data: { error: error instanceof Error ? error.message : String(error) },
    });
    throw error;
  }
}

async function applyEvent(db: Db, adapter: StripeAdapter, event: Stripe.Event): Promise<Effect> {
  const objectId = (event.data.object as { id?: unknown }).id;
  if (typeof objectId !== 'string') return { status: 'ignored', detail: 'no object id' };
  if (TOP_UP_EVENTS.has(event.type)) return creditTopUp(db, adapter, objectId);
  if (INVOICE_EVENTS.has(event.type)) return syncInvoice(db, adapter, objectId);
  if (CUSTOMER_EVENTS.has(event.type)) return syncCustomer(db, adapter, objectId);
  return { status: 'ignored', detail: `unhandled event type ${event.type}` };
}

async function creditTopUp(db: Db, adapter: StripeAdapter, sessionId: string): Promise<Effect> {
  const session = await adapter.retrieveCheckoutSession(sessionId);
  if (session.mode !== 'payment' || session.metadata?.purpose !== TOP_UP_PURPOSE) {
    return { status: 'ignored', detail: 'not a top-up session' };
  }
  // Delayed payment methods complete the session unpaid; their async_payment_succeeded credits.
  if (session.payment_status !== 'paid') {
    return { status: 'ignored', detail: `payment ${session.payment_status}` };
  }
  const org = await organizationOf(db, session.metadata.organizationId);
  const customerId = idOf(session.customer);
  if (!org || !customerId || org.stripeCustomerId !== customerId) {
    throw new BillingError(
      'WEBHOOK_MISMATCH',
      `Checkout Session ${session.id} does not belong to the organization it names`,
      { sessionId: session.id },
    );
  }
  if (session.currency !== 'usd' || session.amount_total === null) {
    throw new BillingError(
      'WEBHOOK_MISMATCH',
      `Checkout Session ${session.id} is not a usd payment`,
      { sessionId: session.id, currency: session.currency },
    );
  }
  // What was paid, not what was asked for: the two differ only if Stripe changed the amount.
  const amountMicros = minorUnitsToMicros(session.amount_total, session.currency);
  const credited = await withTenant(db, org.id, (tx) =>
    tx.ledgerEntry.createMany({
      data: [
        {
          organizationId: org.id,
          kind: 'TOP_UP',
          amountMicros,
          currency: 'usd',
          description: 'Top-up through Stripe Checkout',
          stripeObjectId: session.id,
        },
      ],
      skipDuplicates: true,
    }),
  );
  return credited.count === 1
    ? { status: 'processed', detail: `credited ${amountMicros} micros` }
    : { status: 'processed', detail: 'already credited' };
}

const INVOICE_STATUS: Record<Stripe.Invoice.Status, InvoiceStatus> = {
  draft: 'DRAFT',
  open: 'OPEN',
  paid: 'PAID',
  uncollectible: 'UNCOLLECTIBLE',
  void: 'VOID',
};

async function syncInvoice(db: Db, adapter: StripeAdapter, invoiceId: string): Promise<Effect> {
  const invoice = await adapter.retrieveInvoice(invoiceId);
  const customerId = idOf(invoice.customer);
  const org = customerId
    ? await db.organization.findUnique({ where: { stripeCustomerId: customerId } })
    : null;
  // Invoices of customers we never created (other products on the account) are not ours.
  if (!org) return { status: 'ignored', detail: 'invoice of an unknown customer' };
  const fields = {
    number: invoice.number,
    status: invoice.status ? INVOICE_STATUS[invoice.status] : 'DRAFT',
    currency: invoice.currency,
    amountDueMicros: minorUnitsToMicros(invoice.amount_due, invoice.currency),
    amountPaidMicros: minorUnitsToMicros(invoice.amount_paid, invoice.currency),
    periodStart: new Date(invoice.period_start * 1000),
    periodEnd: new Date(invoice.period_end * 1000),
    hostedInvoiceUrl: invoice.hosted_invoice_url ?? null,
  } satisfies Prisma.InvoiceUpdateInput;
  const row = await withTenant(db, org.id, (tx) =>
    tx.invoice.upsert({
      where: { stripeInvoiceId: invoice.id },
      create: { organizationId: org.id, stripeInvoiceId: invoice.id, ...fields },
      update: fields,
    }),
  );
  return { status: 'processed', detail: `invoice ${row.status}` };
}

async function syncCustomer(db: Db, adapter: StripeAdapter, customerId: string): Promise<Effect> {
  const customer = await adapter.retrieveCustomer(customerId);
  if ('deleted' in customer && customer.deleted) {
    // The next ensureCustomer creates a new one instead of charging a deleted customer.
    const unlinked = await db.organization.updateMany({
      where: { stripeCustomerId: customerId },
      data: { stripeCustomerId: null },
    });
    return { status: 'processed', detail: `unlinked from ${unlinked.count} organization(s)` };
  }
  const linked = await db.organization.findUnique({ where: { stripeCustomerId: customerId } });
  if (linked) return { status: 'processed', detail: 'customer still linked' };
  const organizationId = (customer as Stripe.Customer).metadata?.organizationId;
  if (!organizationId) return { status: 'ignored', detail: 'customer of no organization' };
  const relinked = await db.organization.updateMany({
    where: { id: organizationId, stripeCustomerId: null },
    data: { stripeCustomerId: customerId },
  });
  return relinked.count === 1
    ? { status: 'processed', detail: 'customer linked' }
    : { status: 'ignored', detail: 'organization has another customer' };
}

async function organizationOf(
  db: Db,
  organizationId: string | undefined,
): Promise<Organization | null> {
  return organizationId ? db.organization.findUnique({ where: { id: organizationId } }) : null;
}

function idOf(ref: string | { id: string } | null): string | null {
  if (ref === null) return null;
  return typeof ref === 'string' ? ref : ref.id;
}
