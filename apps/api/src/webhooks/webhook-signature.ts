// Signs webhook messages by the Standard Webhooks scheme (standardwebhooks.com), which the SDK's
// `verifyWebhook` checks: `webhook-signature: v1,<base64 HMAC-SHA256>` over
// "<webhook-id>.<webhook-timestamp>.<body>", keyed with the bytes of `whsec_<base64>`.
import { createHmac, randomBytes } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';

/** A new signing secret: 32 random bytes, as `whsec_<base64>`. */
export function generateSigningSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

export function signWebhook(
  secret: string,
  messageId: string,
  timestamp: Date,
  body: string,
): SignedHeaders {
  if (!secret.startsWith(SECRET_PREFIX)) throw new Error('a signing secret starts with whsec_');
  const key = Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
  const seconds = String(Math.floor(timestamp.getTime() / 1000));
  const signature = createHmac('sha256', key)
    .update(`${messageId}.${seconds}.${body}`)
    .digest('base64');
  return {
    'webhook-id': messageId,
    'webhook-timestamp': seconds,
    'webhook-signature': `v1,${signature}`,
  };
}
