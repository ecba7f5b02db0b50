import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InferenceError } from './inference-error.ts';
import { isConnectionFailure, RunnerClient } from './runner-client.ts';

// A tiny real HTTP server standing in for a runner's error behaviours.
let server: Server;
let baseUrl: string;
const client = new RunnerClient();

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url?.includes('/slow/')) return void setTimeout(() => res.end('{}'), 2_000);
    if (req.url?.includes('/bad/')) {
      res.writeHead(400, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ error: 'wrong shape', code: 'INVALID_ARGUMENT' }));
    }
    if (req.url?.includes('/html/')) {
      res.writeHead(502);
      return void res.end('<html>bad gateway</html>');
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ model_name: 'ok', outputs: [] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await client.close();
  await new Promise((r) => server.close(r));
});

const request = { inputs: [{ name: 'x', datatype: 'FP32' as const, shape: [1], data: [1] }] };

async function failure(promise: Promise<unknown>): Promise<InferenceError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InferenceError);
  return error as InferenceError;
}

describe('RunnerClient', () => {
  it('returns the runner response', async () => {
    await expect(
      client.infer(baseUrl, 'ok', undefined, request, { timeoutMs: 1000 }),
    ).resolves.toMatchObject({ model_name: 'ok' });
  });

  it('turns a v2 error body back into the same typed error', async () => {
    const error = await failure(client.infer(baseUrl, 'bad', '1', request, { timeoutMs: 1000 }));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toBe('wrong shape');
  });

  it('maps a non-JSON error to a code by status', async () => {
    expect(
      (await failure(client.infer(baseUrl, 'html', '1', request, { timeoutMs: 1000 }))).code,
    ).toBe('INTERNAL');
  });

  it('gives up at the deadline instead of hanging', async () => {
    const started = Date.now();
    const error = await failure(client.infer(baseUrl, 'slow', '1', request, { timeoutMs: 200 }));
    expect(error.code).toBe('DEADLINE_EXCEEDED');
    expect(Date.now() - started).toBeLessThan(1500);
    expect(isConnectionFailure(error)).toBe(false);
  });

  it('reports a refused connection as UNAVAILABLE and safe to retry elsewhere', async () => {
    const error = await failure(
      client.infer('http://127.0.0.1:1', 'ok', '1', request, { timeoutMs: 1000 }),
    );
    expect(error.code).toBe('UNAVAILABLE');
    expect(isConnectionFailure(error)).toBe(true);
  });
});
