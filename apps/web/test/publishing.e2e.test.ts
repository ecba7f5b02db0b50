// Publishing from the browser, in headless Chromium against the whole platform: sign up -> create
// a model -> a broken file is refused with the api's validation error and leaves no version ->
// upload a real ONNX file with the progress bar reaching 100% and the extracted signature shown ->
// set a price -> publish -> the model is found by the catalog search. Also: GraphiQL loads and runs
// a query with the session, and /admin refuses someone who is not a platform administrator (the
// administrator's view is covered by apps/api/test/platform-admin.e2e.test.ts: the e2e platform
// has no way to make one without database access).
//
// Needs the portal built (`npm run build -w @modelhub/web`) and Debian's chromium.
import onnxProto from 'onnx-proto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  launchBrowser,
  newPhonePage,
  screenshot as saveScreenshot,
  signInThroughPortal,
  signUpThroughApi,
} from './support/browser.ts';

const screenshot = (page: Page, name: string) => saveScreenshot(page, 'publishing', name);

const { ModelProto, TensorProto } = onnxProto.onnx;
const WIDTH = 512;

/**
 * y = x · w with w a 512 x 512 FP32 initializer: 262,144 parameters, about 1 MB, so the upload
 * has something to show progress on. Written with onnx-proto, as the registry's tests do.
 */
function matMulModel(): Buffer {
  const weights = new Float32Array(WIDTH * WIDTH).map((_, i) => ((i % 17) - 8) / 64);
  const tensor = (name: string, dims: (number | string)[]) => ({
    name,
    type: {
      tensorType: {
        elemType: TensorProto.DataType.FLOAT,
        shape: {
          dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })),
        },
      },
    },
  });
  const bytes = ModelProto.encode({
    irVersion: 8,
    producerName: 'modelhub-e2e',
    producerVersion: '1.0',
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'matmul',
      node: [{ opType: 'MatMul', input: ['x', 'w'], output: ['y'] }],
      initializer: [
        {
          name: 'w',
          dims: [WIDTH, WIDTH],
          dataType: TensorProto.DataType.FLOAT,
          rawData: new Uint8Array(weights.buffer),
        },
      ],
      input: [tensor('x', ['batch', WIDTH])],
      output: [tensor('y', ['batch', WIDTH])],
    },
  }).finish();
  return Buffer.from(bytes);
}

describe('publishing in the portal (browser)', () => {
  const { webUrl, apiUrl } = { webUrl: inject('webUrl'), apiUrl: inject('apiUrl') };
  const runId = Date.now().toString(36);
  const email = `publisher-${runId}@example.com`;
  const password = 'correct horse battery staple';
  // A word nobody else's model has, for the catalog search.
  const keyword = `quokka${runId}`;
  const slug = `quokka-${runId}`;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    await signUpThroughApi(apiUrl, email, password);
    page = await newPhonePage(browser);
    await signInThroughPortal(page, webUrl, email, password, '/settings/models');
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('creates a model, refuses a broken file, uploads, prices and publishes a version', async () => {
    // The empty list, reached from the header's Publish link
    await page.goto(webUrl);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Publish' })
      .click();
    await page.waitForURL(`${webUrl}/settings/models`);
    await page.getByText('No models yet.').waitFor();
    await screenshot(page, '01-no-models');

    // Create the model
    await page.getByRole('link', { name: 'New model' }).click();
    await page.waitForURL(`${webUrl}/settings/models/new`);
    await page.getByLabel('Name', { exact: true }).fill(`Quokka detector ${runId}`);
    await page.getByLabel('Task').selectOption('IMAGE_CLASSIFICATION');
    await page.getByLabel('Summary (optional)').fill(`Finds a ${keyword} in holiday photos.`);
    await page
      .getByLabel('Model card (Markdown) (optional)')
      .fill(`# Quokka detector\n\nA tiny **${keyword}** model for the end-to-end test.`);
    await page.getByLabel('Tags (optional)').fill('animals, e2e');
    await page.getByLabel('License (optional)').fill('Apache-2.0');
    await page.getByLabel(/^Public/).check();
    await page.getByLabel('Slug (optional)').fill(slug);
    await screenshot(page, '02-create-form');
    await page.getByRole('button', { name: 'Create model' }).click();
    await page.waitForURL(`${webUrl}/settings/models/${slug}?created=1`);
    await page.getByText('The model is created.').waitFor();

    // A file that is not ONNX: the api's validation error, in words, and no version
    const upload = page.getByRole('form', { name: 'Upload a version' });
    await upload.getByLabel('Version').fill('0.1.0');
    await upload.getByLabel('ONNX file').setInputFiles({
      name: 'broken.onnx',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from('this is not a protobuf, just text pretending to be a model'),
    });
    await upload.getByRole('button', { name: 'Upload' }).click();
    const refusal = page.getByTestId('upload-error');
    await refusal.getByText('The file is not an ONNX model the runtime can load.').waitFor();
    expect(await refusal.textContent()).toContain('INVALID_ONNX');
    await screenshot(page, '03-broken-file-refused');
    await page.reload();
    await page.getByText('No versions yet').waitFor();

    // A real model: the progress bar reaches 100% and the extracted signature is shown
    const file = matMulModel();
    await upload.getByLabel('Version').fill('1.0.0');
    await upload.getByLabel('ONNX file').setInputFiles({
      name: 'quokka.onnx',
      mimeType: 'application/octet-stream',
      buffer: file,
    });
    await upload.getByRole('button', { name: 'Upload' }).click();
    await page.getByText('100% sent. The draft is ready.').waitFor();
    expect(
      await page
        .locator('#upload-progress-bar')
        .evaluate((bar) => (bar as HTMLProgressElement).value),
    ).toBe(100);
    const result = page.getByTestId('upload-result');
    await result.getByText('Version 1.0.0 uploaded as a draft').waitFor();
    const facts = (await result.textContent()) ?? '';
    expect(facts).toContain('262,144'); // parameters
    expect(facts).toContain('Opset13');
    expect(facts).toMatch(/1\.0 MB/);
    await expect(
      result.getByRole('table', { name: 'Inputs of version 1.0.0' }).textContent(),
    ).resolves.toContain('FP32');
    await screenshot(page, '04-uploaded-signature');

    // The draft is listed; set its price, then publish it
    await page.getByRole('heading', { name: /^1\.0\.0\s+Draft$/ }).waitFor();
    const priceForm = page.getByRole('form', { name: 'Price of version 1.0.0' });
    await priceForm.getByLabel('Price unit').selectOption('PER_CALL');
    await priceForm.getByLabel('Price (USD)').fill('0.002');
    await priceForm.getByRole('button', { name: 'Set price' }).click();
    await priceForm.getByText('The price is set.').waitFor();
    await page
      .getByRole('form', { name: 'Publish version 1.0.0' })
      .getByRole('button', { name: 'Publish 1.0.0' })
      .click();
    await page.waitForURL(`${webUrl}/settings/models/${slug}?published=1.0.0`);
    await page.getByText('Version 1.0.0 is published.').waitFor();
    await page.getByRole('heading', { name: /^1\.0\.0\s+Published$/ }).waitFor();
    await screenshot(page, '05-published');

    // Found by the catalog search
    await page.goto(`${webUrl}/?q=${keyword}`);
    await page
      .getByRole('link', { name: new RegExp(`Quokka detector ${runId}`) })
      .first()
      .waitFor();
    await screenshot(page, '06-catalog-search');

    // And listed among the organization's models
    await page.goto(`${webUrl}/settings/models`);
    await page.getByText('1 published').waitFor();
  });

  it('runs a query in GraphiQL with the session', async () => {
    await page.goto(`${webUrl}/graphiql`);
    await page.locator('.graphiql-container').waitFor();
    // the query editor is ready once Monaco has rendered the default query
    await page.locator('.graphiql-query-editor .view-lines').getByText('viewer').first().waitFor();
    await page.getByRole('button', { name: /Execute query/ }).click();
    // Monaco wraps long values over lines on a phone: compare without the whitespace
    await page.waitForFunction(
      (expected) =>
        (document.querySelector<HTMLElement>('.graphiql-response')?.innerText ?? '')
          .replace(/\s+/g, '')
          .includes(expected),
      email,
    );
    await screenshot(page, '07-graphiql');
  });

  it('refuses /admin to someone who is not a platform administrator', async () => {
    await page.goto(`${webUrl}/admin`);
    await page.getByText('Only platform administrators can see this page.').waitFor();
    expect(
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Admin' })
        .count(),
    ).toBe(0);
    await screenshot(page, '08-admin-refused');
  });
});
