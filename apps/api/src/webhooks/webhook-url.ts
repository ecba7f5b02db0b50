// Where webhooks may go. A webhook URL comes from a customer, and the api sits inside the
// platform's network next to runners, the database and cloud metadata endpoints, so by default a
// delivery refuses any host that resolves to a loopback, private, link-local or otherwise
// internal address (checked in the delivery's own DNS lookup, see post-webhook.ts). Development
// and tests allow them.
import { BlockList, isIP } from 'node:net';
import { AppError } from '../app-error.ts';

const MAX_URL_LENGTH = 2048;

const INTERNAL = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  INTERNAL.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  INTERNAL.addSubnet(network, prefix, 'ipv6');
}

/** The URL a caller gave, checked at the edge: absolute http(s), no credentials, not too long. */
export function parseWebhookUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AppError('BAD_USER_INPUT', 'webhook must be an absolute http(s) URL', {
      field: 'webhook',
    });
  }
  if (text.length > MAX_URL_LENGTH) {
    throw new AppError(
      'BAD_USER_INPUT',
      `webhook URL is longer than ${MAX_URL_LENGTH} characters`,
      {
        field: 'webhook',
      },
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppError('BAD_USER_INPUT', 'webhook must be an http(s) URL', { field: 'webhook' });
  }
  if (url.username || url.password) {
    throw new AppError('BAD_USER_INPUT', 'webhook URL must not contain credentials', {
      field: 'webhook',
    });
  }
  return url;
}

export function isInternalAddress(text: string): boolean {
  const address = ipv4Mapped(text) ?? text;
  const family = isIP(address);
  if (family === 0) return false;
  return INTERNAL.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** The IPv4 address inside an IPv4-mapped IPv6 one (::ffff:127.0.0.1 or ::ffff:7f00:1), which
 * must be checked as IPv4: a ::ffff:0:0/96 rule would match every IPv4 address in BlockList. */
function ipv4Mapped(address: string): string | null {
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (dotted) return dotted[1]!;
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex) return null;
  const [high, low] = [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16)];
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}
