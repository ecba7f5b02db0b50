// One HTTP POST of a webhook message, with node's http client so the address check runs inside
// the connection's own DNS lookup: the address checked is the address connected to (no window
// for a DNS answer that changes between check and connect).
import http from 'node:http';
import https from 'node:https';
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import { isInternalAddress } from './webhook-url.ts';

export interface PostResult {
  /** null when no HTTP answer came */
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** A dns.lookup that refuses internal addresses. */
function externalOnlyLookup(hostname: string, options: LookupOptions, callback: LookupCallback) {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const list = addresses as LookupAddress[];
    const internal = list.find((entry) => isInternalAddress(entry.address));
    if (internal) {
      return callback(
        Object.assign(new Error(`${hostname} resolves to an internal address`), {
          code: 'EINTERNALADDRESS',
        }),
        [],
      );
    }
    if (options.all) return callback(null, list);
    const first = list[0]!;
    return callback(null, first.address, first.family);
  });
}

export function postWebhook(
  url: URL,
  headers: Record<string, string>,
  body: string,
  options: { timeoutMs: number; allowInternal: boolean },
): Promise<PostResult> {
  const started = performance.now();
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const done = (statusCode: number | null, error: string | null) =>
      resolve({ statusCode, error, durationMs: Math.round(performance.now() - started) });
    // An address literal is connected to without a lookup, so it is checked here.
    const literal = url.hostname.replace(/^\[|\]$/g, '');
    if (!options.allowInternal && isIP(literal) && isInternalAddress(literal)) {
      return done(null, `${url.hostname} is an internal address`);
    }
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'Modelhub-Webhooks/1',
        },
        timeout: options.timeoutMs,
        ...(options.allowInternal ? {} : { lookup: externalOnlyLookup }),
      },
      (response) => {
        // The body is not kept; reading it frees the socket.
        response.resume();
        response.on('end', () => done(response.statusCode ?? null, null));
        response.on('error', (error) => done(response.statusCode ?? null, error.message));
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer in ${options.timeoutMs} ms`)));
    request.on('error', (error) => done(null, error.message));
    request.end(body);
  });
}
