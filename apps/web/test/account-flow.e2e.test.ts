// A newcomer's first minutes in the portal, in headless Chromium against the whole platform
// (embedded PostgreSQL, runner, api, the built portal, started by the launcher as `npm start`
// does): sign up -> read the verification email in /dev/mailbox -> verify -> a wrong password is
// refused -> sign in -> create an API key, see its secret once -> the key is in the list and works;
// and the sign-in form, sign-out and the settings guard with JavaScript turned off.
//
// Needs the portal built (`npm run build -w @modelhub/web`) and Debian's chromium. Set
// E2E_WEB_URL (and E2E_API_URL) to run it against a platform that is already running instead.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  graphql,
  launchBrowser,
  newPhonePage,
  screenshot as saveScreenshot,
  STEP_TIMEOUT_MS,
} from './support/browser.ts';

const screenshot = (page: Page, name: string) => saveScreenshot(page, 'account-flow', name);

/** Fails at once, with the reason, when the api does not speak the identity contract. */
async function assertApiHasDevMailbox(apiUrl: string): Promise<void> {
  const answer = await graphql(apiUrl, '{ mailMode }');
  if (answer.errors?.length) {
    throw new Error(
      `the api does not implement the identity contract yet: ${answer.errors.map((e) => e.message).join('; ')}`,
    );
  }
  if (answer.data?.mailMode !== 'dev-mailbox') {
    throw new Error(
      `the api sends real email (mailMode ${String(answer.data?.mailMode)}); run it without SMTP_URL`,
    );
  }
}

describe('accounts in the portal (browser)', () => {
  const platform = { webUrl: inject('webUrl'), apiUrl: inject('apiUrl') };
  let browser: Browser;

  beforeAll(async () => {
    await assertApiHasDevMailbox(platform.apiUrl);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('signs up, verifies through the dev mailbox, signs in and creates an API key shown once', async () => {
    const { webUrl, apiUrl } = platform;
    const email = `e2e-${Date.now()}@example.com`;
    const password = 'correct horse battery staple';
    const page = await newPhonePage(browser);

    // Sign up (a phone-sized window: the forms must work there too)
    await page.goto(`${webUrl}/signup`);
    await page.getByLabel('Name (optional)').fill('End To End');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    await screenshot(page, '1-signed-up');

    // The verification email, in the dev mailbox
    await page.getByRole('link', { name: 'Open the dev mailbox' }).click();
    await page.waitForURL(/\/dev\/mailbox\?email=/);
    const verifyLink = page.getByRole('link', { name: /\/verify-email\?token=/ });
    await verifyLink.waitFor();
    await screenshot(page, '2-dev-mailbox');
    const href = (await verifyLink.getAttribute('href')) ?? '';
    expect(new URL(href).origin).toBe(webUrl);
    await verifyLink.click();
    await page.getByText(`${email} is verified.`).waitFor();

    // A wrong password is refused with the api's code turned into words
    await page.goto(`${webUrl}/signin`);
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: 'Wrong email or password' }).count())
      .toBe(1);
    // the email stays filled in after the failed attempt
    expect(await page.getByLabel('Email', { exact: true }).inputValue()).toBe(email);

    // Sign in
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.getByLabel('Organization', { exact: true }).waitFor();
    await screenshot(page, '3-signed-in');

    // Create an API key; its secret is shown once
    await page.goto(`${webUrl}/settings/api-keys`);
    await page.getByRole('heading', { name: 'API keys', level: 1 }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('e2e key');
    await page.getByRole('checkbox', { name: /Read/ }).check();
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByRole('heading', { name: 'API key “e2e key” created' }).waitFor();
    expect(await page.getByText('it is shown only this once').count()).toBe(1);
    const secret = (await page.locator('.secret-once pre code').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^mh_\S{16,}$/);
    await screenshot(page, '4-key-created');

    // The key is in the list, by name and prefix, and it works against the api
    const row = page.getByRole('row', { name: /e2e key/ });
    await row.waitFor();
    const prefix = ((await row.locator('code').textContent()) ?? '').replace(/…$/, '');
    expect(prefix.length).toBeGreaterThan(3);
    expect(secret.startsWith(prefix)).toBe(true);
    expect(await row.textContent()).toContain('Predict, Read');
    const asKey = await graphql(apiUrl, '{ viewer { apiKeyScopes } }', {
      authorization: `Bearer ${secret}`,
    });
    expect(asKey.errors).toBeUndefined();
    expect([...asKey.data.viewer.apiKeyScopes].sort()).toEqual(['PREDICT', 'READ']);

    // Shown once: after a reload the list still has the key, the secret is gone
    await page.reload();
    await page.getByRole('row', { name: /e2e key/ }).waitFor();
    expect(await page.content()).not.toContain(secret);
    await screenshot(page, '5-key-listed');

    // A team organization: created, current at once, listed in the switcher; switching back
    // changes what every page acts on (the x-modelhub-organization header)
    const teamSlug = `e2e-team-${Date.now()}`;
    await page.goto(`${webUrl}/settings/organizations/new`);
    await page.getByLabel('Name', { exact: true }).fill('E2E Team');
    await page.getByLabel('Slug', { exact: true }).fill(teamSlug);
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.getByRole('heading', { name: 'E2E Team', level: 1 }).waitFor();
    const switcher = page.getByLabel('Organization', { exact: true });
    expect(await switcher.inputValue()).toBe(teamSlug);
    await page.goto(`${webUrl}/settings/api-keys`);
    await page.getByText('No keys yet.').waitFor();
    expect(await page.getByRole('row', { name: /e2e key/ }).count()).toBe(0);

    await page.goto(`${webUrl}/settings/members`);
    await page.getByRole('row', { name: /End To End/ }).waitFor();
    await page.goto(`${webUrl}/settings/audit-log`);
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    expect(await page.locator('table.data-table tbody tr').count()).toBeGreaterThan(0);
    await screenshot(page, '6-team-audit-log');

    const personal = (await switcher
      .locator('option', { hasText: '(personal)' })
      .getAttribute('value'))!;
    await switcher.selectOption(personal);
    await page.getByRole('button', { name: 'Switch' }).click();
    // the switch is done when the page, re-rendered on the server, names the other organization
    await expect
      .poll(() => page.locator('.settings__org strong').textContent(), { timeout: STEP_TIMEOUT_MS })
      .toBe('End To End');
    expect(page.url()).toBe(`${webUrl}/settings/audit-log`);
    await page.goto(`${webUrl}/settings/api-keys`);
    await page.getByRole('row', { name: /e2e key/ }).waitFor();
  });

  it('shows the balance and the ledger-only notice on the billing page, and the catalog filters from the URL', async () => {
    const { webUrl, apiUrl } = platform;
    const email = `e2e-billing-${Date.now()}@example.com`;
    const password = 'billing page password';
    const signUp = await graphql(
      apiUrl,
      `mutation { signUp(input: { email: "${email}", password: "${password}" }) { user { id } } }`,
    );
    expect(signUp.errors).toBeUndefined();
    const mode = await graphql(apiUrl, '{ billingMode }');
    expect(mode.data.billingMode).toBe('ledger-only');

    const page = await newPhonePage(browser);
    await page.goto(`${webUrl}/signin?callbackUrl=%2Fsettings%2Fbilling`);
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${webUrl}/settings/billing`);

    // The trial credit, its ledger entry, and no top-up form in ledger-only mode
    await page.getByRole('heading', { name: 'Billing', level: 1 }).waitFor();
    expect((await page.getByTestId('balance').textContent())?.trim()).toBe('$25.00');
    expect(await page.getByTestId('ledger-only-notice').textContent()).toContain(
      'Top-ups are turned off',
    );
    expect(await page.getByLabel('Amount (USD)').count()).toBe(0);
    await page.getByRole('row', { name: /\+\$25\.00/ }).waitFor();
    await page.getByRole('link', { name: 'Download CSV' }).waitFor();
    await page.getByRole('link', { name: 'Billing' }).waitFor();
    await screenshot(page, '7-billing-ledger-only');

    // The CSV link works through the portal with the browser's session
    const csvHref = (await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href'))!;
    const csv = await page.request.get(`${webUrl}${csvHref}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');

    // The catalog search lives in the URL: a shared link shows the same results, and a link from
    // when the catalog was at `/` still lands there, filters kept
    await page.goto(`${webUrl}/?q=digit`);
    await page.waitForURL(`${webUrl}/models?q=digit`);
    await page.getByText('modelhub/mnist-digit-classifier', { exact: true }).waitFor();
    expect(await page.getByLabel('Search models').inputValue()).toBe('digit');
    await screenshot(page, '8-catalog-search');
    await page.close();
  });

  it('signs in and out without client JavaScript', async () => {
    const { webUrl, apiUrl } = platform;
    const email = `e2e-nojs-${Date.now()}@example.com`;
    const password = 'another long enough password';
    const signUp = await graphql(
      apiUrl,
      `mutation { signUp(input: { email: "${email}", password: "${password}" }) { user { id } } }`,
    );
    expect(signUp.errors).toBeUndefined();

    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(STEP_TIMEOUT_MS);
      await page.goto(`${webUrl}/signin?callbackUrl=%2Fsettings`);
      await page.getByLabel('Email', { exact: true }).fill(email);
      await page.getByLabel('Password', { exact: true }).fill('wrong password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('Wrong email or password').waitFor();

      await page.getByLabel('Password', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${webUrl}/settings`);
      expect(await page.getByText(email).count()).toBeGreaterThan(0);

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('link', { name: 'Sign in' }).first().waitFor();
      await page.goto(`${webUrl}/settings`);
      await page.waitForURL(/\/signin\?callbackUrl=%2Fsettings/);
    } finally {
      await context.close();
    }
  });
});
