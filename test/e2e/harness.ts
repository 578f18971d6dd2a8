/**
 * Browser tests: the real product on a real HTTP port (Node server, in-memory libSQL with the
 * real migrations and the real knowledge/ folder) driven by Debian's Chromium through
 * playwright-core. `scripts/setup-browser.sh` installs Chromium when it is missing.
 */
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { StaffRole } from '../../src/db/schema/index.js';
import { createStaff } from '../../src/features/auth/auth.service.js';
import { importKnowledge } from '../../src/features/knowledge/knowledge.service.js';
import type { Deps } from '../../src/deps.js';
import { readKnowledgeDir } from '../../src/runtime/knowledge-files.js';
import { createMemoryDeps } from '../../src/runtime/memory.js';
import { startNodeServer } from '../../src/runtime/node-server.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = 'test-results/screenshots';
export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  mobile: { width: 390, height: 844 },
} as const;

export type Product = {
  url: string;
  deps: Deps;
  tokens: Record<StaffRole, string>;
  close: () => Promise<void>;
};

/** The whole product on a free port with the shipped knowledge base and one staff member per role. */
export async function startProduct(): Promise<Product> {
  const { deps, client } = await createMemoryDeps({ config: { rateLimitPerMinute: 10_000 } });
  const knowledge = await readKnowledgeDir();
  await importKnowledge(deps, knowledge);
  await deps.search.refresh(deps.db, Date.now(), { force: true });
  const tokens = {} as Record<StaffRole, string>;
  for (const role of ['agent', 'editor', 'admin'] as const) {
    tokens[role] = (await createStaff(deps, { name: `${role[0]!.toUpperCase()}${role.slice(1)} Wang`, role }, null)).token;
  }
  const server = await startNodeServer(deps, { port: 0, hostname: '127.0.0.1' });
  return {
    url: server.url,
    deps,
    tokens,
    close: async () => {
      await server.close();
      client.close();
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-background-networking'],
  });
}

/** A page that records console errors and failed requests, so a test can assert there were none. */
export async function openPage(context: BrowserContext | Browser): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return { page, errors };
}

/** Saves `name-desktop.png` and `name-mobile.png` of the page's current URL. */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const original = page.viewportSize();
  for (const [label, size] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-${label}.png`, fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}

/** Signs a staff page in the way a person would: the token typed into the sign-in form. */
export async function signIn(page: Page, baseUrl: string, path: string, token: string): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.getByLabel(/token|令牌/i).fill(token);
  await page.getByRole('button', { name: /sign in|登录/i }).click();
}

/**
 * For a describe block: the product and a browser, started before its tests and closed after.
 * Read `env.product` and `env.browser` inside the tests (they exist once beforeAll has run).
 */
export function useProduct(setup?: (product: Product) => Promise<void>): { product: Product; browser: Browser } {
  const env = {} as { product: Product; browser: Browser };
  beforeAll(async () => {
    env.product = await startProduct();
    await setup?.(env.product);
    env.browser = await launchBrowser();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.product?.close();
  });
  return env;
}
