import { defineConfig } from 'vitest/config';

// The browser tests: the whole platform (launcher) plus headless Chromium, on the built portal.
// `npm test` runs them after the unit tests (turbo builds the portal first); `npm run test:e2e`
// runs them alone.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.e2e.test.ts'],
    // one platform for all browser test files (see test/support/global-setup.ts)
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 200_000,
  },
});
