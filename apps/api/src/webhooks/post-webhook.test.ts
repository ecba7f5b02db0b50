// Webhook URLs come from customers: internal destinations are refused unless allowed, by name
// (resolved in the connection's own lookup) and by address literal.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postWebhook } from './post-webhook.ts';
import { isInternalAddress, parseWebhookUrl } from './webhook-url.ts';

let server: Server;
let port: number;
let hits = 0;

beforeAll(async () => {
  server = createServer((_req, res) => {
    hits++;
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const post = (url: string, allowInternal: boolean) =>
  postWebhook(new URL(url), {}, '{}', { timeoutMs: 2_000, allowInternal });

describe('postWebhook', () => {
  it('delivers to an internal address only when allowed', async () => {
    expect(await post(`http://127.0.0.1:${port}/hook`, true)).toMatchObject({
      statusCode: 204,
      error: null,
    });
    const before = hits;
    for (const url of [
      `http://127.0.0.1:${port}/hook`,
      `http://localhost:${port}/hook`,
      `http://[::ffff:127.0.0.1]:${port}/hook`,
    ]) {
      const refused = await post(url, false);
      expect(refused.statusCode).toBeNull();
      expect(refused.error).toMatch(/internal address/);
    }
    expect(hits).toBe(before);
  });

  it('reports a connection that fails, with no status', async () => {
    const result = await post('http://127.0.0.1:1/hook', true);
    expect(result.statusCode).toBeNull();
    expect(result.error).toBeTruthy();
  });
});

describe('webhook URLs', () => {
  it('classifies internal addresses', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:a9fe:a9fe',
      '0.0.0.0',
    ]) {
      expect(isInternalAddress(address), address).toBe(true);
    }
    for (const address of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111']) {
      expect(isInternalAddress(address), address).toBe(false);
    }
  });

  it('accepts absolute http(s) URLs only, without credentials', () => {
    expect(parseWebhookUrl('https://example.com/hooks?a=1').href).toBe(
      'https://example.com/hooks?a=1',
    );
    for (const bad of [
      'ftp://example.com/x',
      'https://u:p@example.com/x',
      '/relative',
      `https://example.com/${'a'.repeat(2100)}`,
    ]) {
      expect(() => parseWebhookUrl(bad), bad).toThrow();
    }
  });
});
