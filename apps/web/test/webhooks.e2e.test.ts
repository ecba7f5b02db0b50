// Webhooks in the portal: an async prediction created with the signed-in session (through the
// portal's GraphQL proxy, as the GraphiQL page does) is delivered to a receiver in this test,
// whose first attempt fails; the settings page shows both attempts and the signing secret, and
// that secret verifies the delivery's signature.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  launchBrowser,
  newPhonePage,
  screenshot,
  signInThroughPortal,
  signUpThroughApi,
} from './support/browser.ts';

const platform = { webUrl: inject('webUrl'), apiUrl: inject('apiUrl') };
let browser: Browser;
let receiver: Server;
let receiverUrl: string;
const deliveries: { headers: IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  let calls = 0;
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      deliveries.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(calls++ === 0 ? 500 : 204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

describe('webhooks (browser)', () => {
  it('lists an async prediction’s delivery attempts and shows the secret that signed them', async () => {
    const email = `e2e-webhooks-${Date.now()}@example.com`;
    const password = 'webhooks page password';
    await signUpThroughApi(platform.apiUrl, email, password);
    const page = await newPhonePage(browser);
    await signInThroughPortal(page, platform.webUrl, email, password, '/settings/webhooks');
    await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
    await page.getByText('No async predictions yet').waitFor();

    // createPrediction with the session, through the portal's same-origin GraphQL proxy
    const created = await page.evaluate(async (webhook) => {
      const response = await fetch('/api/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `mutation ($input: CreatePredictionInput!) {
            createPrediction(input: $input, wait: 20) { id status }
          }`,
          variables: {
            input: {
              model: 'modelhub/mnist-digit-classifier',
              inputs: [
                {
                  name: 'image',
                  datatype: 'FP32',
                  shape: [1, 1, 28, 28],
                  data: Array.from({ length: 784 }, (_, i) => (i % 28 > 10 && i % 28 < 16 ? 1 : 0)),
                },
              ],
              webhook,
            },
          },
        }),
      });
      return (await response.json()) as { data?: { createPrediction: { status: string } } };
    }, receiverUrl);
    expect(created.data?.createPrediction.status).toBe('SUCCEEDED');

    // the first attempt failed (500), the retry a few seconds later succeeded (204)
    await expect.poll(() => deliveries.length, { timeout: 30_000 }).toBe(2);
    await expect
      .poll(
        async () => {
          await page.reload();
          // visible only: a streamed page holds its content hidden until React reveals it
          return page
            .getByText('Completed #2: delivered (HTTP 204)')
            .filter({ visible: true })
            .count();
        },
        { timeout: 20_000 },
      )
      .toBe(1);
    const row = page.getByRole('row', { name: /modelhub\/mnist-digit-classifier@/ });
    expect(await row.count()).toBe(1);
    expect(await row.getByText('Completed #1: failed (HTTP 500)').count()).toBe(1);

    await page.getByText('Show the secret').click();
    const secret = ((await page.getByTestId('webhook-secret').textContent()) ?? '').trim();
    expect(secret).toMatch(/^whsec_/);
    await screenshot(page, 'webhooks', '1-deliveries');

    const delivered = deliveries[1]!;
    const signed = `${String(delivered.headers['webhook-id'])}.${String(delivered.headers['webhook-timestamp'])}.${delivered.body}`;
    const expected = createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64'))
      .update(signed)
      .digest('base64');
    expect(delivered.headers['webhook-signature']).toBe(`v1,${expected}`);
    expect(JSON.parse(delivered.body)).toMatchObject({
      type: 'prediction.completed',
      data: { status: 'SUCCEEDED' },
    });
    await page.close();
  });
});
