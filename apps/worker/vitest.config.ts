import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['@modelhub/db/testing/global-setup'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
