// One platform for every browser test file (starting it takes most of a minute): launched here,
// or the one named by E2E_WEB_URL (and E2E_API_URL) when it is already running.
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { launchPlatform } from './launch-platform.ts';
import { CHROMIUM } from './browser.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    webUrl: string;
    apiUrl: string;
  }
}

export default async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no browser at ${CHROMIUM}: apt-get install chromium, or set CHROMIUM_PATH`);
  }
  const platform = process.env.E2E_WEB_URL
    ? {
        webUrl: process.env.E2E_WEB_URL.replace(/\/+$/, ''),
        apiUrl: (process.env.E2E_API_URL ?? 'http://127.0.0.1:4000').replace(/\/+$/, ''),
        stop: async () => {},
      }
    : await launchPlatform();
  project.provide('webUrl', platform.webUrl);
  project.provide('apiUrl', platform.apiUrl);
  return platform.stop;
}
