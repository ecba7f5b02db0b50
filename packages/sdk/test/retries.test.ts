// Retries against a real local HTTP server: which answers are retried, how often, and how long
// the client waits (recorded by an injected sleep instead of real timers).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConnectionError,
  Modelhub,
  RateLimitedError,
  RequestTimeoutError,
  ServiceUnavailableError,
  type BackoffOptions,
} from '../src/index.ts';
import {
  graphqlError,
  recordingSleep,
  startScriptedServer,
  type ScriptedServer,
} from './scripted-graphql-server.ts';

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server?.close());

const VIEWER_OK = {
  data: {
    viewer: {
      user: null,
      organization: { id: 'o1', slug: 'acme', name: 'Acme', personal: false },
      role: null,
      permissions: ['predictions.run'],
      apiKeyScopes: ['PREDICT'],
      balanceMicros: '1500000',
      organizations: [],
    },
  },
};

const PREDICT_OK = {
  data: {
    predict: {
      id: 'p1',
      model: 'acme/m@1.0.0',
      costMicros: '100',
      currency: 'usd',
      replayed: false,
      // 0.5 as FP32: 00 00 00 3f
      outputs: [{ name: 'y', datatype: 'FP32', shape: [1], dataBase64: 'AAAAPw==' }],
      timings: { queueMs: 1, computeMs: 2, totalMs: 4 },
    },
  },
};

const INPUT = [{ name: 'x', datatype: 'FP32' as const, shape: [1, 2], data: [1, 2] }];

function client(backoff: BackoffOptions, extra: { maxRetries?: number; timeoutMs?: number } = {}) {
  return new Modelhub({ baseUrl: server.url, apiKey: 'mh_test_secret', backoff, ...extra });
}

describe('retries on 429 and 503', () => {
  it('waits the Retry-After of each answer, then returns the data', async () => {
    server.script(
      {
        status: 429,
        headers: { 'retry-after': '2' },
        body: graphqlError('RATE_LIMITED', 'slow down'),
      },
      { status: 503, headers: { 'retry-after': '1' }, body: { message: 'unavailable' } },
      { status: 200, body: VIEWER_OK },
    );
    const { delays, sleep } = recordingSleep();
    const viewer = await client({ sleep, random: () => 0.999 }).viewer();

    expect(server.requests).toHaveLength(3);
    expect(delays).toEqual([2000, 1000]);
    expect(viewer?.balanceMicros).toBe(1_500_000n);
    // every attempt is the same request
    const bodies = server.requests.map((r) => JSON.stringify(r.body));
    expect(new Set(bodies).size).toBe(1);
  });

  it('reads an HTTP-date Retry-After against the injected clock', async () => {
    const now = Date.parse('2026-11-22T10:00:00Z');
    server.script(
      {
        status: 503,
        headers: { 'retry-after': 'Sun, 22 Nov 2026 10:00:07 GMT' },
        body: graphqlError('SERVICE_UNAVAILABLE', 'busy'),
      },
      { status: 200, body: VIEWER_OK },
    );
    const { delays, sleep } = recordingSleep();
    await client({ sleep, now: () => now }).viewer();
    expect(delays).toEqual([7000]);
  });

  it('backs off exponentially with jitter when no Retry-After is given', async () => {
    server.script(
      { status: 503, body: graphqlError('SERVICE_UNAVAILABLE', 'busy') },
      { status: 503, body: graphqlError('SERVICE_UNAVAILABLE', 'busy') },
      { status: 503, body: graphqlError('SERVICE_UNAVAILABLE', 'busy') },
      { status: 200, body: VIEWER_OK },
    );
    const low = recordingSleep();
    await client({ sleep: low.sleep, random: () => 0, baseDelayMs: 100 }).viewer();
    expect(low.delays).toEqual([50, 100, 200]);

    server.script(
      { status: 429, body: graphqlError('RATE_LIMITED', 'slow') },
      { status: 429, body: graphqlError('RATE_LIMITED', 'slow') },
      { status: 200, body: VIEWER_OK },
    );
    const high = recordingSleep();
    await client({ sleep: high.sleep, random: () => 0.999999, baseDelayMs: 100 }).viewer();
    expect(high.delays).toEqual([100, 200]);
  });

  it('caps the exponential step at maxDelayMs', async () => {
    server.script(
      { status: 503, body: {} },
      { status: 503, body: {} },
      { status: 503, body: {} },
      { status: 200, body: VIEWER_OK },
    );
    const { delays, sleep } = recordingSleep();
    await client({ sleep, random: () => 0, baseDelayMs: 100, maxDelayMs: 150 }).viewer();
    expect(delays).toEqual([50, 75, 75]);
  });

  it('gives up after maxRetries (default 3) with the typed error and its Retry-After', async () => {
    server.script({
      status: 429,
      headers: { 'retry-after': '1' },
      body: graphqlError('RATE_LIMITED', 'slow down', { retryAfterSeconds: 1 }),
    });
    const { delays, sleep } = recordingSleep();
    const error = await client({ sleep, random: () => 0 })
      .viewer()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: 1,
      httpStatus: 429,
      responseStatus: 429,
    });
    expect(server.requests).toHaveLength(4);
    expect(delays).toEqual([1000, 1000, 1000]);
  });

  it('does not retry with maxRetries 0', async () => {
    server.script({ status: 503, body: graphqlError('SERVICE_UNAVAILABLE', 'busy') });
    const { delays, sleep } = recordingSleep();
    await expect(client({ sleep }, { maxRetries: 0 }).viewer()).rejects.toBeInstanceOf(
      ServiceUnavailableError,
    );
    expect(server.requests).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('retries a SERVICE_UNAVAILABLE error inside a 200 answer, with its retryAfterSeconds', async () => {
    server.script(
      {
        status: 200,
        body: graphqlError('SERVICE_UNAVAILABLE', 'no runner', { retryAfterSeconds: 3 }),
      },
      { status: 200, body: PREDICT_OK },
    );
    const { delays, sleep } = recordingSleep();
    const prediction = await client({ sleep }).predict('acme/m', INPUT);
    expect(server.requests).toHaveLength(2);
    expect(delays).toEqual([3000]);
    expect(prediction.costMicros).toBe(100n);
    expect(prediction.outputs[0]!.data).toEqual([0.5]);
  });

  it('does not wait out a Retry-After longer than maxRetryAfterMs', async () => {
    server.script(
      {
        status: 429,
        headers: { 'retry-after': '3600' },
        body: graphqlError('RATE_LIMITED', 'quota'),
      },
      { status: 200, body: VIEWER_OK },
    );
    const { delays, sleep } = recordingSleep();
    const error = await client({ sleep })
      .viewer()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterSeconds).toBe(3600);
    expect(server.requests).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('does not retry other errors', async () => {
    server.script(
      { status: 200, body: graphqlError('BAD_USER_INPUT', 'bad shape', { field: 'inputs' }) },
      { status: 200, body: PREDICT_OK },
    );
    const { sleep } = recordingSleep();
    await expect(client({ sleep }).predict('acme/m', INPUT)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'inputs',
    });
    expect(server.requests).toHaveLength(1);
  });
});

describe('retries after a broken connection', () => {
  it('retries queries', async () => {
    server.script({ destroy: true }, { status: 200, body: VIEWER_OK });
    const { delays, sleep } = recordingSleep();
    const viewer = await client({ sleep, random: () => 0 }).viewer();
    expect(viewer?.organization?.slug).toBe('acme');
    expect(server.requests).toHaveLength(2);
    expect(delays).toEqual([250]);
  });

  it('does not retry predict without an idempotency key: it might run twice', async () => {
    server.script({ destroy: true }, { status: 200, body: PREDICT_OK });
    const { sleep } = recordingSleep();
    await expect(client({ sleep }).predict('acme/m', INPUT)).rejects.toBeInstanceOf(
      ConnectionError,
    );
    expect(server.requests).toHaveLength(1);
  });

  it('retries predict with an idempotency key, sending the same key each time', async () => {
    server.script({ destroy: true }, { destroy: true }, { status: 200, body: PREDICT_OK });
    const { sleep } = recordingSleep();
    const prediction = await client({ sleep }).predict('acme/m', INPUT, {
      idempotencyKey: 'order-42',
    });
    expect(prediction.id).toBe('p1');
    expect(server.requests).toHaveLength(3);
    expect(server.requests.map((r) => r.body.variables.idempotencyKey)).toEqual([
      'order-42',
      'order-42',
      'order-42',
    ]);
  });

  it('gives up with ConnectionError when nothing listens', async () => {
    const gone = await startScriptedServer();
    const url = gone.url;
    await gone.close();
    const { delays, sleep } = recordingSleep();
    const hub = new Modelhub({ baseUrl: url, backoff: { sleep } });
    const error = await hub.viewer().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).code).toBe('CONNECTION_FAILED');
    expect(delays).toHaveLength(3);
  });

  it('times out an attempt that gets no answer, and retries queries', async () => {
    server.script({ hang: true }, { status: 200, body: VIEWER_OK });
    const { sleep } = recordingSleep();
    const viewer = await client({ sleep }, { timeoutMs: 100 }).viewer();
    expect(viewer).not.toBeNull();
    expect(server.requests).toHaveLength(2);

    server.script({ hang: true });
    await expect(
      client({ sleep }, { timeoutMs: 100 }).predict('acme/m', INPUT),
    ).rejects.toBeInstanceOf(RequestTimeoutError);
    expect(server.requests).toHaveLength(1);
  });
});
