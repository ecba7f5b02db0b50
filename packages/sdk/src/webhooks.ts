// Verifies webhooks signed by the Standard Webhooks scheme (standardwebhooks.com):
// `webhook-signature` holds space-separated `v1,<base64 HMAC-SHA256>` entries over
// "<webhook-id>.<webhook-timestamp>.<raw body>", keyed with the base64 part of `whsec_<base64>`.
// The timestamp must be within the tolerance of now, so a captured delivery cannot be replayed
// later.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type WebhookVerificationErrorCode =
  | 'MISSING_HEADER'
  | 'INVALID_SECRET'
  | 'INVALID_TIMESTAMP'
  | 'TIMESTAMP_TOO_OLD'
  | 'TIMESTAMP_TOO_NEW'
  | 'INVALID_SIGNATURE'
  | 'INVALID_PAYLOAD';

/** The delivery is not to be trusted; answer it with HTTP 400 and do not act on it. */
export class WebhookVerificationError extends Error {
  constructor(
    readonly code: WebhookVerificationErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookVerificationError';
  }
}

/** A Fetch `Headers`, or Node's `req.headers` (lower-case names). */
export type WebhookHeaders = Headers | Record<string, string | readonly string[] | undefined>;

export interface VerifyWebhookOptions {
  /** how far the timestamp may be from now, in seconds (default 300) */
  toleranceSeconds?: number;
  /** the current time; tests fix it */
  now?: () => Date;
}

export interface VerifiedWebhook<T = unknown> {
  /** `webhook-id`: the same for retries of one message, so receivers can skip duplicates */
  id: string;
  timestamp: Date;
  /** the body parsed as JSON */
  payload: T;
}

export const DEFAULT_WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

const SECRET_PREFIX = 'whsec_';
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Checks a delivery's signature and timestamp and returns its parsed payload; throws
 * WebhookVerificationError otherwise. `body` must be the raw body as received: re-serialised JSON
 * does not match the signature.
 */
export function verifyWebhook<T = unknown>(
  headers: WebhookHeaders,
  body: string | Uint8Array,
  secret: string,
  options: VerifyWebhookOptions = {},
): VerifiedWebhook<T> {
  const key = secretKey(secret);
  const id = header(headers, 'webhook-id');
  const timestampText = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');

  if (!/^\d{1,15}$/.test(timestampText)) {
    throw new WebhookVerificationError(
      'INVALID_TIMESTAMP',
      'webhook-timestamp must be whole seconds since the epoch',
    );
  }
  const timestampSeconds = Number(timestampText);
  const nowSeconds = Math.floor((options.now?.() ?? new Date()).getTime() / 1000);
  const tolerance = options.toleranceSeconds ?? DEFAULT_WEBHOOK_TOLERANCE_SECONDS;
  if (timestampSeconds < nowSeconds - tolerance) {
    throw new WebhookVerificationError('TIMESTAMP_TOO_OLD', 'the webhook timestamp is too old');
  }
  if (timestampSeconds > nowSeconds + tolerance) {
    throw new WebhookVerificationError(
      'TIMESTAMP_TOO_NEW',
      'the webhook timestamp is in the future',
    );
  }

  const bodyBytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
  const expected = createHmac('sha256', key)
    .update(`${id}.${timestampText}.`)
    .update(bodyBytes)
    .digest();
  if (!signatures.split(' ').some((entry) => matches(entry, expected))) {
    throw new WebhookVerificationError(
      'INVALID_SIGNATURE',
      'no webhook-signature entry matches the body',
    );
  }

  let payload: T;
  try {
    payload = JSON.parse(bodyBytes.toString('utf8')) as T;
  } catch {
    throw new WebhookVerificationError('INVALID_PAYLOAD', 'the webhook body is not JSON');
  }
  return { id, timestamp: new Date(timestampSeconds * 1000), payload };
}

/** One `v1,<base64>` entry against the expected digest; other versions never match. */
function matches(entry: string, expected: Buffer): boolean {
  const comma = entry.indexOf(',');
  if (comma < 0 || entry.slice(0, comma) !== 'v1') return false;
  const encoded = entry.slice(comma + 1);
  if (!BASE64.test(encoded)) return false;
  const given = Buffer.from(encoded, 'base64');
  // Lengths are public (every v1 signature is 32 bytes); the contents compare in constant time.
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function secretKey(secret: string): Buffer {
  if (typeof secret !== 'string') {
    throw new WebhookVerificationError('INVALID_SECRET', 'the webhook secret must be a string');
  }
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  if (encoded === '' || !BASE64.test(encoded)) {
    throw new WebhookVerificationError(
      'INVALID_SECRET',
      'the webhook secret must be "whsec_" followed by base64',
    );
  }
  return Buffer.from(encoded, 'base64');
}

function header(headers: WebhookHeaders, name: string): string {
  let value: string | readonly string[] | null | undefined;
  if (typeof (headers as Headers).get === 'function') {
    value = (headers as Headers).get(name);
  } else {
    const record = headers as Record<string, string | readonly string[] | undefined>;
    value = record[name] ?? findIgnoringCase(record, name);
  }
  const single = Array.isArray(value)
    ? (value as readonly string[])[0]
    : (value as string | null | undefined);
  if (typeof single !== 'string' || single.trim() === '') {
    throw new WebhookVerificationError('MISSING_HEADER', `the ${name} header is missing`);
  }
  return single.trim();
}

function findIgnoringCase(
  record: Record<string, string | readonly string[] | undefined>,
  name: string,
): string | readonly string[] | undefined {
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : record[key];
}
