/**
 * The portal's `/api/billing/usage.csv`: the "Download CSV" link of the billing page. The
 * browser cannot call the api's `GET /billing/usage.csv` itself (the session cookie belongs to
 * the portal's origin), so this passes the request on with the session and organization, like
 * the GraphQL proxy, and streams the CSV back as a download.
 */
import { apiForwardHeaders, clientOriginHeaders, parseCookieHeader } from '@/lib/api-forwarding';

export const USAGE_GROUPINGS = ['day', 'model', 'version', 'key'] as const;

export interface UsageCsvProxyOptions {
  /** The api's base URL, e.g. `http://localhost:4000`. */
  apiUrl: string;
  timeoutMs: number;
  fetch?: typeof globalThis.fetch;
}

function errorResponse(status: number, code: string, message: string): Response {
  return Response.json(
    { error: { code, message } },
    { status, headers: { 'cache-control': 'no-store' } },
  );
}

function isIsoDate(value: string | null): value is string {
  return value !== null && !Number.isNaN(new Date(value).getTime());
}

const PASSED_BACK_HEADERS = /^(content-type|content-disposition|retry-after)$/i;

export async function proxyUsageCsv(
  request: Request,
  options: UsageCsvProxyOptions,
): Promise<Response> {
  const url = new URL(request.url);
  const from = url.searchParams.get('from');
  const to = url.searchParams.get('to');
  const groupBy = url.searchParams.get('groupBy') ?? 'day';
  if (!isIsoDate(from) || !isIsoDate(to)) {
    return errorResponse(400, 'BAD_USER_INPUT', 'from and to must be ISO-8601 dates');
  }
  if (!(USAGE_GROUPINGS as readonly string[]).includes(groupBy)) {
    return errorResponse(
      400,
      'BAD_USER_INPUT',
      `groupBy must be one of ${USAGE_GROUPINGS.join(', ')}`,
    );
  }
  const session = apiForwardHeaders(parseCookieHeader(request.headers.get('cookie')));
  if (!session.cookie) return errorResponse(401, 'UNAUTHENTICATED', 'Sign in to download usage');

  const target = new URL('/billing/usage.csv', options.apiUrl);
  target.search = new URLSearchParams({ from, to, groupBy }).toString();
  const timeout = AbortSignal.timeout(options.timeoutMs);
  let upstream: Response;
  let body: ArrayBuffer;
  try {
    upstream = await (options.fetch ?? globalThis.fetch)(target, {
      headers: { ...clientOriginHeaders(request.headers), ...session, accept: 'text/csv' },
      cache: 'no-store',
      signal: AbortSignal.any([timeout, request.signal]),
    });
    body = await upstream.arrayBuffer();
  } catch {
    return timeout.aborted
      ? errorResponse(
          504,
          'API_TIMEOUT',
          `The Modelhub API did not answer within ${options.timeoutMs} ms`,
        )
      : errorResponse(502, 'API_UNREACHABLE', 'The Modelhub API is unreachable');
  }
  const headers = new Headers({ 'cache-control': 'no-store' });
  upstream.headers.forEach((value, name) => {
    if (PASSED_BACK_HEADERS.test(name)) headers.set(name, value);
  });
  return new Response(body, { status: upstream.status, headers });
}
