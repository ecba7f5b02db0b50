/**
 * The portal's `/api/graphql`: client components POST GraphQL here and the portal passes it to
 * the api with the person's session cookie and organization (the browser cannot: the session
 * cookie is httpOnly and belongs to the portal's origin). Only same-origin JSON POSTs are
 * accepted, so another site cannot make a signed-in browser call the api through it.
 */
import { apiForwardHeaders, clientOriginHeaders, parseCookieHeader } from '@/lib/api-forwarding';

export interface GraphqlProxyOptions {
  /** The api's GraphQL endpoint, e.g. `http://localhost:4000/graphql`. */
  endpoint: string;
  timeoutMs: number;
  /** Largest request body passed on, in bytes. */
  maxBodyBytes?: number;
  fetch?: typeof globalThis.fetch;
}

/** Predictions carry tensors, so the limit is generous; the api applies its own. */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

/** Response headers of the api worth passing back: rate limits and the content type. */
const PASSED_BACK_HEADERS = /^(content-type|retry-after|ratelimit(-.*)?|x-ratelimit-.*)$/i;

function errorResponse(status: number, code: string, message: string): Response {
  return Response.json(
    { errors: [{ message, extensions: { code } }] },
    { status, headers: { 'cache-control': 'no-store' } },
  );
}

/**
 * Whether a request comes from a page of this portal: its Origin (sent by browsers on every
 * cross-origin and every POST fetch) must name the host the request was addressed to. A request
 * without Origin is not from a browser page and carries no ambient cookie risk.
 */
export function isSameOrigin(headers: Headers): boolean {
  const origin = headers.get('origin');
  if (origin === null) return true;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  const hosts = [headers.get('x-forwarded-host'), headers.get('host')]
    .flatMap((value) => (value ? value.split(',') : []))
    .map((value) => value.trim())
    .filter(Boolean);
  return hosts.includes(originHost);
}

function isJson(contentType: string | null): boolean {
  return /^application\/(graphql-response\+)?json\s*(;|$)/i.test(contentType ?? '');
}

export async function proxyGraphqlRequest(
  request: Request,
  options: GraphqlProxyOptions,
): Promise<Response> {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const doFetch = options.fetch ?? globalThis.fetch;

  if (!isSameOrigin(request.headers)) {
    return errorResponse(403, 'FORBIDDEN', 'Cross-origin requests are not accepted here');
  }
  if (!isJson(request.headers.get('content-type'))) {
    return errorResponse(415, 'BAD_REQUEST', 'Send the GraphQL request as application/json');
  }
  const declaredLength = Number(request.headers.get('content-length') ?? '0');
  if (declaredLength > maxBodyBytes) {
    return errorResponse(
      413,
      'PAYLOAD_TOO_LARGE',
      `The request is larger than ${maxBodyBytes} bytes`,
    );
  }
  const body = await request.arrayBuffer();
  if (body.byteLength > maxBodyBytes) {
    return errorResponse(
      413,
      'PAYLOAD_TOO_LARGE',
      `The request is larger than ${maxBodyBytes} bytes`,
    );
  }

  const timeout = AbortSignal.timeout(options.timeoutMs);
  let upstream: Response;
  let text: ArrayBuffer;
  try {
    upstream = await doFetch(options.endpoint, {
      method: 'POST',
      headers: {
        ...clientOriginHeaders(request.headers),
        ...apiForwardHeaders(parseCookieHeader(request.headers.get('cookie'))),
        'content-type': 'application/json',
        accept:
          request.headers.get('accept') ?? 'application/graphql-response+json, application/json',
      },
      body,
      cache: 'no-store',
      signal: AbortSignal.any([timeout, request.signal]),
    });
    text = await upstream.arrayBuffer();
  } catch {
    if (timeout.aborted) {
      return errorResponse(
        504,
        'API_TIMEOUT',
        `The Modelhub API did not answer within ${options.timeoutMs} ms`,
      );
    }
    return errorResponse(502, 'API_UNREACHABLE', 'The Modelhub API is unreachable');
  }

  const headers = new Headers({ 'cache-control': 'no-store' });
  upstream.headers.forEach((value, name) => {
    if (PASSED_BACK_HEADERS.test(name)) headers.set(name, value);
  });
  return new Response(text, { status: upstream.status, headers });
}
