// The model page playground and the usage dashboard, in headless Chromium against the whole
// platform: sign up -> create an API key -> open the OCR composite's page -> run the playground on
// the committed OCR sample -> the recognised lines appear as text and as boxes over the image ->
// the dashboard counts that one call and its spend. Phone-sized window throughout.
//
// Needs the portal built (`npm run build -w @modelhub/web`) and Debian's chromium; the platform is
// launched once for all browser test files by test/support/global-setup.ts.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { OCR_SAMPLE_TEXT } from '../src/lib/playground/playground-samples';
import {
  launchBrowser,
  newPhonePage,
  screenshot as saveScreenshot,
  signInThroughPortal,
  signUpThroughApi,
  STEP_TIMEOUT_MS,
} from './support/browser.ts';

const screenshot = (page: Page, name: string) => saveScreenshot(page, 'playground', name);

/** The composite's price: PER_CALL 5,000 micro-USD (packages/models, OCR_COMPOSITE). */
const OCR_CALL_PRICE = '$0.005';
/** OCR runs three models in a row on a shared 2-core machine: give it more than one step. */
const OCR_TIMEOUT_MS = 90_000;

describe('model playground and dashboard (browser)', () => {
  const platform = { webUrl: inject('webUrl'), apiUrl: inject('apiUrl') };
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('reads the OCR sample in the playground, draws its lines, and the dashboard counts the call', async () => {
    const { webUrl, apiUrl } = platform;
    const email = `playground-${Date.now()}@example.com`;
    const password = 'correct horse battery staple';
    await signUpThroughApi(apiUrl, email, password);
    const page = await newPhonePage(browser);

    // Signed out, the page offers sign-in that comes back to the model
    await page.goto(`${webUrl}/models/modelhub/ppocr-ocr`);
    await screenshot(page, '0-signed-out');
    const signInLink = page.getByRole('link', { name: 'Sign in to try this model' });
    await signInLink.waitFor();
    expect(await signInLink.getAttribute('href')).toBe(
      `/signin?callbackUrl=${encodeURIComponent('/models/modelhub/ppocr-ocr')}`,
    );

    await signInThroughPortal(page, webUrl, email, password);

    // An API key, as a newcomer would make before calling from code
    await page.goto(`${webUrl}/settings/api-keys`);
    await page.getByLabel('Name', { exact: true }).fill('playground key');
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByRole('heading', { name: 'API key “playground key” created' }).waitFor();

    // The model page: card, examples in tabs, usage, and the playground
    await page.goto(`${webUrl}/models/modelhub/ppocr-ocr`);
    await page.getByRole('heading', { name: 'PP-OCRv4 OCR pipeline', level: 1 }).waitFor();
    await page.getByRole('tab', { name: 'curl' }).click();
    const curl = page.getByRole('tabpanel', { name: 'curl' });
    expect(await curl.textContent()).toContain('/v2/models/modelhub/ppocr-ocr/image');
    await page.getByRole('tab', { name: 'curl' }).press('ArrowRight');
    expect(await page.getByRole('tab', { name: 'TypeScript' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    await page.getByRole('heading', { name: 'Usage', level: 2 }).waitFor();
    await page.getByRole('radio', { name: /Sample: Printed invoice lines/ }).waitFor();
    expect(
      await page.getByRole('radio', { name: /Sample: Printed invoice lines/ }).isChecked(),
    ).toBe(true);
    await screenshot(page, '1-model-page');

    // Run it on the sample
    await page.getByRole('button', { name: 'Run model' }).click();
    const lines = page.getByRole('list', { name: 'Recognised text' });
    await lines.waitFor({ timeout: OCR_TIMEOUT_MS });
    const texts = await page.locator('.ocr-lines__text').allTextContents();
    expect(texts).toEqual(OCR_SAMPLE_TEXT.split('\n'));
    // one box per line, drawn inside the picture
    expect(await page.locator('svg.ocr-overlay__boxes polygon').count()).toBe(texts.length);
    // every box lies on the picture (the overlay is scaled to the image, not to its column)
    const image = (await page.locator('.ocr-overlay__image').boundingBox())!;
    for (const polygon of await page.locator('svg.ocr-overlay__boxes polygon').all()) {
      const box = (await polygon.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(image.x - 1);
      expect(box.y).toBeGreaterThanOrEqual(image.y - 1);
      expect(box.x + box.width).toBeLessThanOrEqual(image.x + image.width + 1);
      expect(box.y + box.height).toBeLessThanOrEqual(image.y + image.height + 1);
      expect(box.width).toBeGreaterThan(image.width / 4);
    }
    expect(await page.locator('.playground__cost').textContent()).toContain(OCR_CALL_PRICE);
    await page.getByText('Raw JSON answer').click();
    expect(await page.locator('.playground__raw code').textContent()).toContain('"lines"');
    await screenshot(page, '2-ocr-result');

    // A file that is not an image is refused before anything is sent
    await page.getByRole('radio', { name: 'Your own image' }).check();
    await page.getByLabel('Image file').setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('not an image'),
    });
    await page
      .getByText('notes.txt is a text/plain file. Choose a PNG, JPEG or WebP image.')
      .waitFor();
    expect(await page.getByRole('button', { name: 'Run model' }).isDisabled()).toBe(true);
    await screenshot(page, '3-wrong-file');

    // The dashboard: the one call and what it cost
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.waitForURL(`${webUrl}/dashboard`);
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    expect((await page.getByTestId('dashboard-total-calls').textContent())?.trim()).toBe('1');
    expect((await page.getByTestId('dashboard-total-spend').textContent())?.trim()).toBe(
      OCR_CALL_PRICE,
    );
    const modelTable = page
      .locator('figure')
      .filter({ hasText: 'Calls per model' })
      .locator('table');
    await page
      .locator('figure')
      .filter({ hasText: 'Calls per model' })
      .getByText('Show as a table')
      .click();
    expect(await modelTable.textContent()).toContain('modelhub/ppocr-ocr');
    await page.locator('.usage-chart svg').first().waitFor({ timeout: STEP_TIMEOUT_MS });
    await screenshot(page, '4-dashboard');

    // The period is in the URL
    await page.getByRole('link', { name: '7 days' }).click();
    await page.waitForURL(`${webUrl}/dashboard?days=7`);
    expect(await page.getByRole('link', { name: '7 days' }).getAttribute('aria-current')).toBe(
      'page',
    );
    expect((await page.getByTestId('dashboard-total-calls').textContent())?.trim()).toBe('1');

    // The landing page lists the most used models, the one just called among them
    await page.getByRole('link', { name: 'Modelhub', exact: true }).click();
    await page.waitForURL(`${webUrl}/`);
    await page.getByRole('heading', { name: 'Run AI models with one API call' }).waitFor();
    const featured = page.locator('section', {
      has: page.getByRole('heading', { name: 'Most used models' }),
    });
    await featured.getByText('modelhub/ppocr-ocr', { exact: true }).waitFor();
    await screenshot(page, '5-landing');

    // An image classifier: the digit sample comes first and its class is read as a bar chart
    await page.goto(`${webUrl}/models/modelhub/mnist-digit-classifier`);
    const digit = page.getByRole('radio', { name: /Sample: Handwritten digit 7/ });
    await digit.waitFor();
    expect(await digit.isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Run model' }).click();
    const classes = page.getByRole('list', { name: 'Best classes' });
    await classes.waitFor({ timeout: OCR_TIMEOUT_MS });
    expect(await classes.locator('.class-scores__label').allTextContents()).toHaveLength(5);
    expect(await classes.locator('.class-scores__label').first().textContent()).toBe('7');
    await screenshot(page, '6-digit-result');

    // A model that takes raw tensors says why there is no playground
    await page.goto(`${webUrl}/models/modelhub/ppocr-v4-detection`);
    await page.getByText('This one takes raw tensors').waitFor();
  });
});
