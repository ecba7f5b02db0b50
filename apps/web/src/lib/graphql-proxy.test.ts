import { describe, expect, it } from 'vitest';
import { isSameOrigin, proxyGraphqlRequest } from '@/lib/graphql-proxy';

const ENDPOINT = 'http://api.test/graphql';
const JWT = 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..iv.cipher.tag';

interface Upstream {
  url: string;
  headers: Headers;
  body: string;
}

function upstreamAnswering(respond: () => Response | Promise<Response>) {
  const calls: Upstream[] = [];
  const fetch: typeof globalThis.fetch = async (url, init) => {
    calls.push({
      url: url instanceof Request ? url.url : url.toString(),
      headers: new Headers(init?.headers),
      body: new TextDecoder().decode(init?.body as ArrayBuffer),
    });
    return respond();
  };
  return { fetch, calls };
}

function portalRequest(init: { headers?: Record<string, string>; body?: string } = {}): Request {
  return new Request('http://portal.test/api/graphql', {
    method: 'POST',
    headers: {
      host: 'portal.test',
      origin: 'http://portal.test',
      'content-type': 'application/json',
      ...init.headers,
    },
    body: init.body ?? JSON.stringify({ query: '{ viewer { user { email } } }' }),
  });
}

describe('graphql proxy', () => {
  it('forwards the body with only the session cookie and the organization header', async () => {
    const { fetch, calls } = upstreamAnswering(() =>
      Response.json({ data: { viewer: null } }, { headers: { 'set-cookie': 'api=1' } }),
    );
    const body = JSON.stringify({ query: 'query Q { mailMode }', operationName: 'Q' });
    const response = await proxyGraphqlRequest(
      portalRequest({
        body,
        headers: {
          cookie: `next-auth.csrf-token=x; next-auth.session-token=${JWT}; mh_org=acme; theme=dark`,
          authorization: 'Bearer someone-elses-token',
          'user-agent': 'Mozilla/5.0 test',
          'x-forwarded-for': '203.0.113.7',
        },
      }),
      { endpoint: ENDPOINT, timeoutMs: 1000, fetch },
    );

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { viewer: null } });
    // the api's cookies are not the portal's to set
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe(ENDPOINT);
    expect(calls[0]!.body).toBe(body);
    expect(calls[0]!.headers.get('cookie')).toBe(`next-auth.session-token=${JWT}`);
    expect(calls[0]!.headers.get('x-modelhub-organization')).toBe('acme');
    expect(calls[0]!.headers.get('authorization')).toBeNull();
    expect(calls[0]!.headers.get('user-agent')).toBe('Mozilla/5.0 test');
    expect(calls[0]!.headers.get('x-forwarded-for')).toBe('203.0.113.7');
    expect(calls[0]!.headers.get('content-type')).toBe('application/json');
  });

  it('passes the api status and rate-limit headers back', async () => {
    const { fetch } = upstreamAnswering(() =>
      Response.json(
        { errors: [{ message: 'slow down', extensions: { code: 'RATE_LIMITED' } }] },
        {
          status: 429,
          headers: { 'retry-after': '30', 'ratelimit-remaining': '0', 'x-internal': 'secret' },
        },
      ),
    );
    const response = await proxyGraphqlRequest(portalRequest(), {
      endpoint: ENDPOINT,
      timeoutMs: 1000,
      fetch,
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(response.headers.get('ratelimit-remaining')).toBe('0');
    expect(response.headers.get('x-internal')).toBeNull();
    expect((await response.json()).errors[0].extensions.code).toBe('RATE_LIMITED');
  });

  it('refuses a request from another site without calling the api', async () => {
    const { fetch, calls } = upstreamAnswering(() => Response.json({}));
    const response = await proxyGraphqlRequest(
      portalRequest({ headers: { origin: 'https://evil.example' } }),
      { endpoint: ENDPOINT, timeoutMs: 1000, fetch },
    );
    expect(response.status).toBe(403);
    expect((await response.json()).errors[0].extensions.code).toBe('FORBIDDEN');
    expect(calls).toEqual([]);
  });

  it('refuses a form post (not JSON), which a foreign page could send without CORS', async () => {
    const { fetch, calls } = upstreamAnswering(() => Response.json({}));
    const response = await proxyGraphqlRequest(
      portalRequest({ headers: { 'content-type': 'text/plain' }, body: 'query={viewer{role}}' }),
      { endpoint: ENDPOINT, timeoutMs: 1000, fetch },
    );
    expect(response.status).toBe(415);
    expect(calls).toEqual([]);
  });

  it('refuses a body over the limit', async () => {
    const { fetch, calls } = upstreamAnswering(() => Response.json({}));
    const response = await proxyGraphqlRequest(
      portalRequest({ body: JSON.stringify({ query: 'x'.repeat(200) }) }),
      { endpoint: ENDPOINT, timeoutMs: 1000, fetch, maxBodyBytes: 100 },
    );
    expect(response.status).toBe(413);
    expect(calls).toEqual([]);
  });

  it('answers 502 API_UNREACHABLE when the api is down', async () => {
    const { fetch } = upstreamAnswering(() => {
      throw new TypeError('fetch failed');
    });
    const response = await proxyGraphqlRequest(portalRequest(), {
      endpoint: ENDPOINT,
      timeoutMs: 1000,
      fetch,
    });
    expect(response.status).toBe(502);
    expect((await response.json()).errors[0].extensions.code).toBe('API_UNREACHABLE');
  });

  it('answers 504 API_TIMEOUT when the api is too slow', async () => {
    const fetch: typeof globalThis.fetch = (_url, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () =>
          reject(new DOMException('aborted', 'AbortError')),
        );
      });
    const response = await proxyGraphqlRequest(portalRequest(), {
      endpoint: ENDPOINT,
      timeoutMs: 20,
      fetch,
    });
    expect(response.status).toBe(504);
    expect((await response.json()).errors[0].extensions.code).toBe('API_TIMEOUT');
  });
});

describe('isSameOrigin', () => {
  it('accepts the own host, also behind a proxy, and requests without Origin', () => {
    expect(isSameOrigin(new Headers({ host: 'portal.test', origin: 'http://portal.test' }))).toBe(
      true,
    );
    expect(
      isSameOrigin(
        new Headers({
          host: '127.0.0.1:3000',
          'x-forwarded-host': 'modelhub.example',
          origin: 'https://modelhub.example',
        }),
      ),
    ).toBe(true);
    expect(isSameOrigin(new Headers({ host: 'portal.test' }))).toBe(true);
  });

  it('rejects other hosts, other ports and garbage', () => {
    expect(isSameOrigin(new Headers({ host: 'portal.test', origin: 'http://evil.test' }))).toBe(
      false,
    );
    expect(
      isSameOrigin(new Headers({ host: 'portal.test:3000', origin: 'http://portal.test:3001' })),
    ).toBe(false);
    expect(isSameOrigin(new Headers({ host: 'portal.test', origin: 'null' }))).toBe(false);
  });
});
