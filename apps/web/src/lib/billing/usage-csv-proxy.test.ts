import { describe, expect, it } from 'vitest';
import { proxyUsageCsv } from './usage-csv-proxy';

const RANGE = 'from=2026-10-24T00:00:00.000Z&to=2026-11-22T14:03:00.000Z';

function fakeApi(answer: () => Response | Promise<Response>) {
  const calls: { url: string; headers: Record<string, string> }[] = [];
  const fetch = (async (input: URL | RequestInfo, init?: RequestInit) => {
    calls.push({
      url: input instanceof Request ? input.url : input.toString(),
      headers: init?.headers as Record<string, string>,
    });
    return answer();
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

function request(query: string, cookie?: string): Request {
  return new Request(`http://portal.test/api/billing/usage.csv?${query}`, {
    headers: cookie ? { cookie } : {},
  });
}

describe('proxyUsageCsv', () => {
  it('forwards only the session and organization, and passes the CSV back', async () => {
    const api = fakeApi(
      () =>
        new Response('group,calls\n2026-11-22,3\n', {
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': 'attachment; filename="usage-model.csv"',
            'set-cookie': 'x=1',
          },
        }),
    );
    const response = await proxyUsageCsv(
      request(`${RANGE}&groupBy=model`, 'next-auth.session-token=abc; mh_org=acme; csrf=zzz'),
      { apiUrl: 'http://api.test:4000', timeoutMs: 1000, fetch: api.fetch },
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('group,calls\n2026-11-22,3\n');
    expect(response.headers.get('content-disposition')).toContain('usage-model.csv');
    expect(response.headers.get('set-cookie')).toBeNull();
    const call = api.calls[0]!;
    expect(new URL(call.url).pathname).toBe('/billing/usage.csv');
    expect(new URL(call.url).searchParams.get('groupBy')).toBe('model');
    expect(call.headers.cookie).toBe('next-auth.session-token=abc');
    expect(call.headers['x-modelhub-organization']).toBe('acme');
  });

  it.each([
    ['from=nope&to=2026-11-22', 'dates'],
    [`${RANGE}&groupBy=week`, 'groupBy'],
  ])('refuses %s with 400 without calling the api', async (query, word) => {
    const api = fakeApi(() => new Response(''));
    const response = await proxyUsageCsv(request(query, 'next-auth.session-token=abc'), {
      apiUrl: 'http://api.test',
      timeoutMs: 1000,
      fetch: api.fetch,
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain(word);
    expect(api.calls).toHaveLength(0);
  });

  it('answers 401 without a session and 502 when the api is down', async () => {
    const down = fakeApi(() => Promise.reject(new TypeError('fetch failed')));
    const options = { apiUrl: 'http://api.test', timeoutMs: 1000, fetch: down.fetch };
    expect((await proxyUsageCsv(request(RANGE), options)).status).toBe(401);
    const response = await proxyUsageCsv(request(RANGE, 'next-auth.session-token=abc'), options);
    expect(response.status).toBe(502);
  });
});
