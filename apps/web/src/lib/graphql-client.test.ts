import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError, ApiErrorCode } from '@/lib/api-error';
import {
  createGraphqlClient,
  graphqlEndpoint,
  parseRetryAfter,
  withHeaders,
} from '@/lib/graphql-client';
import { getCatalog } from '@/lib/queries/get-catalog';
import { getModel } from '@/lib/queries/get-model';

const endpoint = 'http://api.test/graphql';
const schema = z.object({ hello: z.string() });

function clientAnswering(
  respond: (init: RequestInit) => Response | Promise<Response>,
  timeoutMs = 1000,
) {
  const calls: RequestInit[] = [];
  const client = createGraphqlClient({
    endpoint,
    timeoutMs,
    fetch: async (_url, init) => {
      calls.push(init ?? {});
      return respond(init ?? {});
    },
  });
  return { client, calls };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('graphql client', () => {
  it('builds the endpoint from API_URL', () => {
    expect(graphqlEndpoint('http://localhost:4000')).toBe('http://localhost:4000/graphql');
    expect(graphqlEndpoint('https://api.example.com/')).toBe('https://api.example.com/graphql');
  });

  it('POSTs the query and returns validated data', async () => {
    const { client, calls } = clientAnswering(() => json({ data: { hello: 'world' } }));
    await expect(
      client.request(
        { query: '{ hello }', operationName: 'ApiKeys', variables: { first: 1 } },
        schema,
      ),
    ).resolves.toEqual({
      hello: 'world',
    });
    expect(calls[0]?.method).toBe('POST');
    expect(JSON.parse(calls[0]?.body as string)).toEqual({
      query: '{ hello }',
      operationName: 'ApiKeys',
      variables: { first: 1 },
    });
  });

  it('turns a network failure into API_UNREACHABLE with the socket error code', async () => {
    const { client } = clientAnswering(() => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
      });
    });
    const error = await apiError(
      client.request({ query: '{ hello }', operationName: 'MailMode' }, schema),
    );
    expect(error.code).toBe(ApiErrorCode.Unreachable);
    expect(error.endpoint).toBe(endpoint);
    expect(error.message).toBe(`Modelhub API unreachable at ${endpoint} (ECONNREFUSED)`);
  });

  it('turns a slow API into API_TIMEOUT', async () => {
    const { client } = clientAnswering(
      (init) =>
        new Promise<Response>((_resolve, reject) => {
          init.signal?.addEventListener('abort', () =>
            reject(new DOMException('aborted', 'AbortError')),
          );
        }),
      20,
    );
    const error = await apiError(
      client.request({ query: '{ hello }', operationName: 'MailMode' }, schema),
    );
    expect(error.code).toBe(ApiErrorCode.Timeout);
  });

  it('turns a non-2xx status into API_HTTP_ERROR', async () => {
    const { client } = clientAnswering(() => new Response('bad gateway', { status: 502 }));
    const error = await apiError(
      client.request({ query: '{ hello }', operationName: 'MailMode' }, schema),
    );
    expect(error.code).toBe(ApiErrorCode.HttpError);
    expect(error.status).toBe(502);
  });

  it('keeps GraphQL errors that come with a 4xx', async () => {
    const { client } = clientAnswering(() =>
      json(
        {
          errors: [
            {
              message: 'Cannot query field "nope"',
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
            },
          ],
        },
        400,
      ),
    );
    const error = await apiError(
      client.request({ query: '{ nope }', operationName: 'MailMode' }, schema),
    );
    expect(error.code).toBe(ApiErrorCode.HttpError);
    expect(error.graphqlErrors).toEqual([
      { message: 'Cannot query field "nope"', code: 'GRAPHQL_VALIDATION_FAILED' },
    ]);
  });

  it('turns GraphQL errors into API_GRAPHQL_ERROR', async () => {
    const { client } = clientAnswering(() =>
      json({
        data: null,
        errors: [
          { message: 'boom', path: ['hello'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
        ],
      }),
    );
    const error = await apiError(
      client.request({ query: '{ hello }', operationName: 'MailMode' }, schema),
    );
    expect(error.code).toBe(ApiErrorCode.GraphqlError);
    expect(error.graphqlErrors[0]).toEqual({
      message: 'boom',
      code: 'INTERNAL_SERVER_ERROR',
      path: ['hello'],
    });
    expect(error.message).toBe('Modelhub API error: boom (INTERNAL_SERVER_ERROR)');
  });

  it('sends per-request headers, and withHeaders adds them to every request', async () => {
    const { client, calls } = clientAnswering(() => json({ data: { hello: 'world' } }));
    const forwarded = withHeaders(client, {
      cookie: 'next-auth.session-token=jwt',
      'x-modelhub-organization': 'acme',
    });
    await forwarded.request({ query: '{ hello }', operationName: 'MailMode' }, schema, {
      headers: { 'x-modelhub-organization': 'other' },
    });
    const headers = new Headers(calls[0]?.headers);
    expect(headers.get('cookie')).toBe('next-auth.session-token=jwt');
    // the call's own header wins over the wrapper's
    expect(headers.get('x-modelhub-organization')).toBe('other');
    // callers cannot replace the content type the client speaks
    await client.request({ query: '{ hello }', operationName: 'MailMode' }, schema, {
      headers: { 'content-type': 'text/plain' },
    });
    expect(new Headers(calls[1]?.headers).get('content-type')).toBe('application/json');
  });

  it('keeps extensions.field and the Retry-After seconds of a rate-limited answer', async () => {
    const { client } = clientAnswering(
      () =>
        new Response(
          JSON.stringify({
            errors: [
              { message: 'too many attempts', extensions: { code: 'RATE_LIMITED' } },
              { message: 'bad email', extensions: { code: 'BAD_USER_INPUT', field: 'email' } },
            ],
          }),
          { status: 429, headers: { 'retry-after': '30' } },
        ),
    );
    const error = await apiError(
      client.request({ query: '{ hello }', operationName: 'MailMode' }, schema),
    );
    expect(error.status).toBe(429);
    expect(error.retryAfterSeconds).toBe(30);
    expect(error.hasGraphqlCode('RATE_LIMITED')).toBe(true);
    expect(error.graphqlErrors[1]).toEqual({
      message: 'bad email',
      code: 'BAD_USER_INPUT',
      field: 'email',
    });
  });

  it('falls back to extensions.retryAfterSeconds when the header is missing', async () => {
    const { client } = clientAnswering(() =>
      json({
        errors: [
          { message: 'slow down', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 2.5 } },
        ],
      }),
    );
    const error = await apiError(
      client.request({ query: '{ hello }', operationName: 'MailMode' }, schema),
    );
    expect(error.retryAfterSeconds).toBe(3);
  });

  it('turns a non-GraphQL body into API_BAD_RESPONSE', async () => {
    const { client } = clientAnswering(() => new Response('<html>proxy</html>', { status: 200 }));
    const error = await apiError(
      client.request({ query: '{ hello }', operationName: 'MailMode' }, schema),
    );
    expect(error.code).toBe(ApiErrorCode.BadResponse);
  });

  it('turns data of the wrong shape into API_BAD_RESPONSE', async () => {
    const { client } = clientAnswering(() => json({ data: { hello: 42 } }));
    const error = await apiError(
      client.request({ query: '{ hello }', operationName: 'MailMode' }, schema),
    );
    expect(error.code).toBe(ApiErrorCode.BadResponse);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates', () => {
    const now = Date.parse('2026-11-22T12:00:00Z');
    expect(parseRetryAfter('30', now)).toBe(30);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Sun, 22 Nov 2026 12:00:10 GMT', now)).toBe(10);
    expect(parseRetryAfter('Sun, 22 Nov 2026 11:00:00 GMT', now)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('')).toBeUndefined();
    expect(parseRetryAfter('-5')).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

const catalogNode = {
  id: 'TW9kZWw6MQ==',
  slug: 'ppocr-cls',
  fullName: 'paddle/ppocr-cls',
  name: 'PP-OCR direction classifier',
  summary: 'Is the text upside down?',
  task: 'TEXT_ORIENTATION',
  license: 'Apache-2.0',
  tags: ['ocr'],
  callsLast30Days: 42,
  publisher: { slug: 'paddle', name: 'PaddlePaddle' },
  latestVersion: {
    version: '1.0.0',
    status: 'PUBLISHED',
    inputs: [{ name: 'x', datatype: 'FP32', shape: [-1, 3, 48, 192] }],
    outputs: [{ name: 'softmax', datatype: 'FP32', shape: [-1, 2] }],
    prices: [{ unit: 'PER_CALL', amountMicros: '200', currency: 'usd', freeAllowance: 1000 }],
  },
};

describe('queries', () => {
  it('getCatalog sends first and a trimmed query, null when blank', async () => {
    const { client, calls } = clientAnswering(() =>
      json({
        data: {
          models: {
            totalCount: 1,
            pageInfo: { hasNextPage: false, endCursor: null },
            edges: [{ node: catalogNode }],
          },
        },
      }),
    );
    const catalog = await getCatalog({ first: 24, query: '  ocr ' }, client);
    expect(catalog.totalCount).toBe(1);
    expect(catalog.models[0]?.fullName).toBe('paddle/ppocr-cls');
    const none = { after: null, task: null, tags: null, sort: null };
    expect(JSON.parse(calls[0]?.body as string).variables).toEqual({
      first: 24,
      query: 'ocr',
      ...none,
    });

    await getCatalog({ first: 24, query: '   ', tags: [] }, client);
    expect(JSON.parse(calls[1]?.body as string).variables).toEqual({
      first: 24,
      query: null,
      ...none,
    });

    await getCatalog({ first: 24, task: 'OCR', tags: ['ocr'], sort: 'NEWEST', after: 'c' }, client);
    expect(JSON.parse(calls[2]?.body as string).variables).toEqual({
      first: 24,
      query: null,
      after: 'c',
      task: 'OCR',
      tags: ['ocr'],
      sort: 'NEWEST',
    });
  });

  it('getModel returns null for an unknown model', async () => {
    const { client, calls } = clientAnswering(() => json({ data: { model: null } }));
    await expect(getModel('nobody/nothing', client)).resolves.toBeNull();
    expect(JSON.parse(calls[0]?.body as string).variables).toEqual({
      ref: 'nobody/nothing',
      usageDays: 30,
    });
  });

  it('getModel accepts sizeBytes as string or number', async () => {
    const version = {
      ...catalogNode.latestVersion,
      sha256: 'ab'.repeat(32),
      sizeBytes: 583000,
      runtimeConfig: {},
      evaluationResults: [],
    };
    const model = {
      ...catalogNode,
      description: '# Card',
      dailyCalls: [{ day: '2026-11-23', calls: 2 }],
      versions: {
        edges: [{ node: version }, { node: { ...version, version: '0.9.0', sizeBytes: '583001' } }],
      },
    };
    const { client } = clientAnswering(() => json({ data: { model } }));
    const result = await getModel('paddle/ppocr-cls', client);
    expect(result?.versions.edges.map((e) => e.node.sizeBytes)).toEqual(['583000', '583001']);
  });
});
