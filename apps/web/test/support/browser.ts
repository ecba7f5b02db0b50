// What every browser test shares: Debian's Chromium through playwright-core, a raw GraphQL call
// for setting up data, sign-in through the portal's form, and screenshots under test-results/.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { WEB_DIR } from './launch-platform.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const STEP_TIMEOUT_MS = 20_000;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

/** A phone-sized page (every flow must work there) with the step time limits set. */
export async function newPhonePage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
  return page;
}

export async function graphql(
  apiUrl: string,
  query: string,
  headers: Record<string, string> = {},
  variables?: Record<string, unknown>,
): Promise<{ data?: any; errors?: { message: string }[] }> {
  const response = await fetch(`${apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(STEP_TIMEOUT_MS),
  });
  return (await response.json()) as { data?: any; errors?: { message: string }[] };
}

/** Creates a verified-or-not account through the api (sign-up needs no verification to sign in). */
export async function signUpThroughApi(apiUrl: string, email: string, password: string) {
  const answer = await graphql(
    apiUrl,
    'mutation ($input: SignUpInput!) { signUp(input: $input) { user { id } } }',
    {},
    { input: { email, password } },
  );
  if (answer.errors?.length) throw new Error(answer.errors.map((e) => e.message).join('; '));
}

/** Signs in with the portal's form and waits until `landing` (a path) has loaded. */
export async function signInThroughPortal(
  page: Page,
  webUrl: string,
  email: string,
  password: string,
  landing = '/settings',
): Promise<void> {
  await page.goto(`${webUrl}/signin?callbackUrl=${encodeURIComponent(landing)}`);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${webUrl}${landing}`);
}

/** Saves a full-page screenshot under test-results/<suite>/<name>.png (git-ignored). */
export async function screenshot(page: Page, suite: string, name: string): Promise<void> {
  const folder = path.join(WEB_DIR, 'test-results', suite);
  await mkdir(folder, { recursive: true });
  await page.screenshot({ path: path.join(folder, `${name}.png`), fullPage: true });
}
