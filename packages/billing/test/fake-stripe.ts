// A small stand-in for the Stripe API, for tests: a real HTTP server that answers exactly the
// endpoints the billing package calls, in Stripe's response shapes (objects, list-free), with
// Stripe's idempotency-key replay and meter-event identifier dedup. Switches make it answer 500s
// or hang for the next N requests, and it records every request it received, so a test can prove
// what reached "Stripe" and how often. Point the SDK at it with `apiBase` (host, port, http).
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

export interface RecordedRequest {
  method: string;
  /** without the query string */
  path: string;
  /** the decoded form body (POST) or query (GET), nested as Stripe's bracket notation says */
  params: Record<string, unknown>;
  idempotencyKey: string | null;
  /**
   * ok / error: answered by the endpoint; replayed: answered from the idempotency store;
   * injected-failure: a `failNext` 500; hung: processed by a `hangNext`, never answered
   */
  outcome: 'ok' | 'error' | 'replayed' | 'injected-failure' | 'hung';
  /** the status answered, or, for a hung request, the one its processing produced */
  status: number | null;
}

export interface FakeCustomer {
  id: string;
  object: 'customer';
  created: number;
  livemode: false;
  name: string | null;
  email: string | null;
  metadata: Record<string, string>;
  deleted?: true;
}

export interface FakeCheckoutSession {
  id: string;
  object: 'checkout.session';
  created: number;
  livemode: false;
  mode: string;
  customer: string | null;
  client_reference_id: string | null;
  currency: string | null;
  amount_subtotal: number | null;
  amount_total: number | null;
  metadata: Record<string, string>;
  payment_status: 'paid' | 'unpaid' | 'no_payment_required';
  status: 'open' | 'complete' | 'expired';
  success_url: string | null;
  cancel_url: string | null;
  url: string | null;
}

export interface FakeInvoice {
  id: string;
  object: 'invoice';
  created: number;
  livemode: false;
  customer: string;
  status: 'draft' | 'open' | 'paid' | 'uncollectible' | 'void';
  currency: string;
  amount_due: number;
  amount_paid: number;
  number: string | null;
  hosted_invoice_url: string | null;
  period_start: number;
  period_end: number;
  metadata: Record<string, string>;
}

export interface FakeMeterEvent {
  object: 'billing.meter_event';
  created: number;
  livemode: false;
  event_name: string;
  identifier: string;
  payload: Record<string, string>;
  timestamp: number;
}

export interface FakeStripeEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  livemode: false;
  pending_webhooks: number;
  request: { id: null; idempotency_key: null };
  type: string;
  data: { object: Record<string, unknown> };
}

interface Reply {
  status: number;
  body: unknown;
}

const DAY_S = 86_400;

export class FakeStripe {
  readonly requests: RecordedRequest[] = [];
  readonly customers = new Map<string, FakeCustomer>();
  readonly checkoutSessions = new Map<string, FakeCheckoutSession>();
  readonly invoices = new Map<string, FakeInvoice>();
  /** accepted meter events, one per identifier */
  readonly meterEvents = new Map<string, FakeMeterEvent>();

  private failures: { count: number; status: number } = { count: 0, status: 500 };
  private hangs = 0;
  private readonly idempotent = new Map<string, Reply>();
  private invoiceNumber = 0;

  private constructor(
    private readonly server: Server,
    readonly secretKey: string,
    readonly webhookSecret: string,
  ) {}

  static async start(
    options: { secretKey?: string; webhookSecret?: string } = {},
  ): Promise<FakeStripe> {
    const server = createServer();
    const fake = new FakeStripe(
      server,
      options.secretKey ?? 'sk_test_fake_modelhub',
      options.webhookSecret ?? 'whsec_fake_modelhub',
    );
    server.on('request', (req, res) => {
      fake.onRequest(req, res).catch((error: unknown) => {
        if (!res.headersSent) send(res, 500, apiError('api_error', String(error)));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The SDK's host/port/protocol options for this server. */
  get apiBase(): { host: string; port: number; protocol: 'http' } {
    return { host: '127.0.0.1', port: this.port, protocol: 'http' };
  }

  /** The next `count` requests answer `status` (500 by default) without being processed. */
  failNext(count: number, status = 500): void {
    this.failures = { count, status };
  }

  /**
   * The next `count` requests (after any pending failures) are processed and then never
   * answered: the client times out although the effect happened, like a response lost on the way.
   */
  hangNext(count: number): void {
    this.hangs = count;
  }

  requestsTo(method: string, path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && r.path.startsWith(path));
  }

  /** What the Checkout page does when the customer pays. */
  completeCheckoutSession(
    id: string,
    paymentStatus: FakeCheckoutSession['payment_status'] = 'paid',
  ): FakeCheckoutSession {
    const session = this.checkoutSessions.get(id);
    if (!session) throw new Error(`no checkout session ${id}`);
    session.status = 'complete';
    session.payment_status = paymentStatus;
    return session;
  }

  createInvoice(
    fields: Pick<FakeInvoice, 'customer'> & Partial<Omit<FakeInvoice, 'id' | 'object'>>,
  ): FakeInvoice {
    const now = nowSeconds();
    const invoice: FakeInvoice = {
      id: `in_${randomId()}`,
      object: 'invoice',
      created: now,
      livemode: false,
      status: 'open',
      currency: 'usd',
      amount_due: 0,
      amount_paid: 0,
      number: `FAKE-${String(++this.invoiceNumber).padStart(4, '0')}`,
      hosted_invoice_url: null,
      period_start: now - 30 * DAY_S,
      period_end: now,
      metadata: {},
      ...fields,
    };
    invoice.hosted_invoice_url ??= `${this.url}/invoice/${invoice.id}`;
    this.invoices.set(invoice.id, invoice);
    return invoice;
  }

  deleteCustomer(id: string): void {
    const customer = this.customers.get(id);
    if (!customer) throw new Error(`no customer ${id}`);
    this.customers.set(id, { ...customer, deleted: true });
  }

  /** An event as Stripe would deliver it, around a snapshot of `object`. */
  event(type: string, object: object, id = `evt_${randomId()}`): FakeStripeEvent {
    return {
      id,
      object: 'event',
      api_version: Stripe.API_VERSION,
      created: nowSeconds(),
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
      data: { object: structuredClone(object) as Record<string, unknown> },
    };
  }

  /** The raw body and `Stripe-Signature` header of one delivery, signed by the SDK. */
  signedDelivery(
    event: FakeStripeEvent,
    secret = this.webhookSecret,
  ): { body: Buffer; signature: string } {
    const payload = JSON.stringify(event);
    return {
      body: Buffer.from(payload, 'utf8'),
      signature: Stripe.webhooks.generateTestHeaderString({ payload, secret }),
    };
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://fake');
    const params = parseForm(req.method === 'GET' ? url.search.slice(1) : body);
    const idempotencyKey = header(req, 'idempotency-key');
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      params,
      idempotencyKey,
      outcome: 'ok',
      status: null,
    };
    this.requests.push(record);

    if (this.failures.count > 0) {
      this.failures.count -= 1;
      record.outcome = 'injected-failure';
      record.status = this.failures.status;
      return send(res, this.failures.status, apiError('api_error', 'Injected failure'));
    }
    if (header(req, 'authorization') !== `Bearer ${this.secretKey}`) {
      record.outcome = 'error';
      record.status = 401;
      return send(res, 401, apiError('invalid_request_error', 'Invalid API Key provided'));
    }
    const replayKey = idempotencyKey && record.method === 'POST' ? idempotencyKey : null;
    const saved = replayKey ? this.idempotent.get(replayKey) : undefined;
    let reply: Reply;
    if (saved) {
      record.outcome = 'replayed';
      reply = saved;
    } else {
      reply = this.route(record.method, url.pathname, params);
      record.outcome = reply.status < 400 ? 'ok' : 'error';
      // Stripe saves the result of every request that reached its endpoint, errors included.
      if (replayKey && reply.status < 500) this.idempotent.set(replayKey, reply);
    }
    record.status = reply.status;
    if (this.hangs > 0) {
      this.hangs -= 1;
      record.outcome = 'hung';
      return; // the socket stays open until the client gives up or the fake closes
    }
    send(res, reply.status, reply.body, saved ? { 'idempotent-replayed': 'true' } : {});
  }

  private route(method: string, path: string, params: Record<string, unknown>): Reply {
    const parts = path.split('/').filter(Boolean);
    const [version, resource, second, third] = parts;
    if (version === 'v1') {
      if (resource === 'customers' && method === 'POST' && parts.length === 2) {
        return this.createCustomer(params);
      }
      if (resource === 'customers' && method === 'GET' && second && parts.length === 3) {
        return found(this.customers.get(second), 'customer', second);
      }
      if (resource === 'checkout' && second === 'sessions') {
        if (method === 'POST' && parts.length === 3) return this.createCheckoutSession(params);
        if (method === 'GET' && third && parts.length === 4) {
          return found(this.checkoutSessions.get(third), 'checkout session', third);
        }
      }
      if (resource === 'billing' && second === 'meter_events' && method === 'POST') {
        return this.createMeterEvent(params);
      }
      if (resource === 'invoices' && method === 'GET' && second && parts.length === 3) {
        return found(this.invoices.get(second), 'invoice', second);
      }
    }
    return {
      status: 404,
      body: apiError('invalid_request_error', `Unrecognized request URL (${method}: ${path}).`),
    };
  }

  private createCustomer(params: Record<string, unknown>): Reply {
    const customer: FakeCustomer = {
      id: `cus_${randomId()}`,
      object: 'customer',
      created: nowSeconds(),
      livemode: false,
      name: str(params.name),
      email: str(params.email),
      metadata: strings(params.metadata),
    };
    this.customers.set(customer.id, customer);
    return { status: 200, body: customer };
  }

  private createCheckoutSession(params: Record<string, unknown>): Reply {
    const missing = ['mode', 'success_url'].find((k) => !str(params[k]));
    if (missing) return paramMissing(missing);
    const customer = str(params.customer);
    if (customer && !this.customers.get(customer)) return noSuch('customer', customer);
    const items = Array.isArray(params.line_items) ? (params.line_items as unknown[]) : [];
    let total = 0;
    let currency: string | null = null;
    for (const item of items) {
      const { price_data: priceData, quantity } = item as Record<string, unknown>;
      const data = (priceData ?? {}) as Record<string, unknown>;
      const unitAmount = Number(data.unit_amount);
      if (!Number.isSafeInteger(unitAmount) || unitAmount < 0) {
        return invalid('line_items[0][price_data][unit_amount]', 'must be a whole amount');
      }
      total += unitAmount * Number(quantity ?? 1);
      currency = str(data.currency);
    }
    if (items.length === 0) return paramMissing('line_items');
    const id = `cs_test_${randomId()}`;
    const session: FakeCheckoutSession = {
      id,
      object: 'checkout.session',
      created: nowSeconds(),
      livemode: false,
      mode: str(params.mode) ?? 'payment',
      customer,
      client_reference_id: str(params.client_reference_id),
      currency,
      amount_subtotal: total,
      amount_total: total,
      metadata: strings(params.metadata),
      payment_status: 'unpaid',
      status: 'open',
      success_url: str(params.success_url),
      cancel_url: str(params.cancel_url),
      url: `${this.url}/pay/${id}`,
    };
    this.checkoutSessions.set(id, session);
    return { status: 200, body: session };
  }

  private createMeterEvent(params: Record<string, unknown>): Reply {
    const eventName = str(params.event_name);
    if (!eventName) return paramMissing('event_name');
    const payload = strings(params.payload);
    const customer = payload.stripe_customer_id;
    if (!customer) return paramMissing('payload[stripe_customer_id]');
    if (!this.customers.get(customer)) return noSuch('customer', customer);
    if (!/^-?\d+(\.\d+)?$/.test(payload.value ?? '')) {
      return invalid('payload[value]', 'must be a number');
    }
    const now = nowSeconds();
    const timestamp = params.timestamp === undefined ? now : Number(params.timestamp);
    if (!Number.isInteger(timestamp) || timestamp < now - 35 * DAY_S || timestamp > now + 300) {
      return invalid('timestamp', 'must be within the past 35 days or up to 5 minutes ahead');
    }
    const identifier = str(params.identifier) ?? `mev_${randomId()}`;
    if (this.meterEvents.has(identifier)) {
      return {
        status: 400,
        body: apiError(
          'invalid_request_error',
          `An event with identifier ${identifier} already exists.`,
          { code: 'resource_already_exists', param: 'identifier' },
        ),
      };
    }
    const event: FakeMeterEvent = {
      object: 'billing.meter_event',
      created: now,
      livemode: false,
      event_name: eventName,
      identifier,
      payload,
      timestamp,
    };
    this.meterEvents.set(identifier, event);
    return { status: 200, body: event };
  }
}

/** Decodes `a[b][0][c]=v&...` into nested objects, with arrays where every key is an index. */
export function parseForm(encoded: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(encoded)) {
    const path = key.replace(/\]/g, '').split('[');
    let node = root;
    path.forEach((segment, i) => {
      if (i === path.length - 1) {
        node[segment] = value;
      } else {
        node[segment] ??= {};
        node = node[segment] as Record<string, unknown>;
      }
    });
  }
  return arraysFromIndexes(root) as Record<string, unknown>;
}

function arraysFromIndexes(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>).map(
    ([k, v]) => [k, arraysFromIndexes(v)] as const,
  );
  const isList = entries.length > 0 && entries.every(([k], i) => k === String(i));
  return isList ? entries.map(([, v]) => v) : Object.fromEntries(entries);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': 'application/json',
    'request-id': `req_${randomId()}`,
    ...headers,
  });
  res.end(JSON.stringify(body));
}

function apiError(type: string, message: string, extra: Record<string, string> = {}) {
  return { error: { type, message, ...extra } };
}

function found(object: object | undefined, what: string, id: string): Reply {
  return object ? { status: 200, body: object } : noSuch(what, id);
}

function noSuch(what: string, id: string): Reply {
  return {
    status: 404,
    body: apiError('invalid_request_error', `No such ${what}: '${id}'`, {
      code: 'resource_missing',
    }),
  };
}

function paramMissing(param: string): Reply {
  return {
    status: 400,
    body: apiError('invalid_request_error', `Missing required param: ${param}.`, {
      code: 'parameter_missing',
      param,
    }),
  };
}

function invalid(param: string, message: string): Reply {
  return {
    status: 400,
    body: apiError('invalid_request_error', `Invalid ${param}: ${message}`, {
      code: 'parameter_invalid_string',
      param,
    }),
  };
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function strings(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(
    Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function randomId(): string {
  return randomBytes(9).toString('base64url');
}
