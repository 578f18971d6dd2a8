/**
 * The workerd test suite (`npm run test:workers`): test/workers/*.test.ts run inside workerd
 * with the Worker of wrangler.toml (src/runtime/worker.ts) and a local D1 database.
 * Node side (this file) reads the migrations and the sample knowledge base and hands them
 * to the tests as bindings: there is no filesystem in workerd.
 */
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { readKnowledgeDir } from './src/runtime/knowledge-files.js';

export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      main: './src/runtime/worker.ts',
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        bindings: {
          LOG_LEVEL: 'warn',
          RATE_LIMIT_PER_MINUTE: '100000',
          TEST_MIGRATIONS: await readD1Migrations('migrations'),
          TEST_KNOWLEDGE: await readKnowledgeDir(),
        },
      },
    })),
  ],
  test: {
    include: ['test/workers/**/*.test.ts'],
    setupFiles: ['test/workers/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
