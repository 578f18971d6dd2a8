/**
 * The workerd test suites (`npm run test:workers`), run inside workerd with the Worker of
 * wrangler.toml (src/runtime/worker.ts):
 * - `d1`: test/workers/*.test.ts over a local D1 database with the real migrations;
 * - `d1-fts5`: the search and bot flows again with SEARCH_BACKEND=fts5 (SQLite FTS5 in D1);
 * - `turso`: test/workers/turso/*.test.ts over libSQL via HTTP (`DATABASE_URL`), served by a
 *   local Hrana server (test/support) — the Turso path, with no network.
 * The Node side (this file) reads the migrations and the sample knowledge base and hands them
 * to the tests as bindings: there is no filesystem in workerd.
 */
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { reportOptions } from './test/support/report.js';
import { readKnowledgeDir } from './src/runtime/knowledge-files.js';

const knowledge = await readKnowledgeDir();
const testBindings = { LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '100000', TEST_KNOWLEDGE: knowledge };
const worker = { main: './src/runtime/worker.ts', wrangler: { configPath: './wrangler.toml' } };
const timeouts = { testTimeout: 30_000, hookTimeout: 60_000 };

export default defineConfig({
  test: {
    ...reportOptions('workers'),
    projects: [
      {
        plugins: [
          cloudflareTest(async () => ({
            ...worker,
            miniflare: { bindings: { ...testBindings, TEST_MIGRATIONS: await readD1Migrations('migrations') } },
          })),
        ],
        test: { name: 'd1', include: ['test/workers/*.test.ts'], setupFiles: ['test/workers/setup.ts'], ...timeouts },
      },
      {
        plugins: [
          cloudflareTest(async () => ({
            ...worker,
            miniflare: { bindings: { ...testBindings, SEARCH_BACKEND: 'fts5', TEST_MIGRATIONS: await readD1Migrations('migrations') } },
          })),
        ],
        test: { name: 'd1-fts5', include: ['test/workers/search.test.ts', 'test/workers/conversation.test.ts'], setupFiles: ['test/workers/setup.ts'], ...timeouts },
      },
      {
        plugins: [
          cloudflareTest(({ inject }) => ({
            ...worker,
            miniflare: { bindings: { ...testBindings, DATABASE_URL: inject('tursoUrl') } },
          })),
        ],
        test: { name: 'turso', include: ['test/workers/turso/*.test.ts'], globalSetup: ['test/support/turso-global-setup.ts'], ...timeouts },
      },
    ],
  },
});
