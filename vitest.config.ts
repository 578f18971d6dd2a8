import { defineConfig } from 'vitest/config';
import { reportOptions } from './test/support/report.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/workers/**'],
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    ...reportOptions('node'),
  },
});
