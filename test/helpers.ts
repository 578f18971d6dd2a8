import { expect } from 'vitest';
import { createApp } from '../src/app.js';
import { articles, categories, type NewArticleRow, type StaffRole } from '../src/db/schema/index.js';
import { createStaff } from '../src/features/auth/auth.service.js';
import { SearchIndex } from '../src/features/search/search.index.js';
import type { Db } from '../src/db/client.js';
import type { Deps } from '../src/deps.js';
import { fixedClock } from '../src/lib/clock.js';
import { createMemoryDeps, type MemoryDepsOverrides } from '../src/runtime/memory.js';
import { newId } from '../src/lib/ids.js';

/** A fresh in-memory database with the real migrations, and deps around it (clock fixed). */
export async function createTestDeps(overrides: MemoryDepsOverrides = {}) {
  const clock = fixedClock('2026-11-20T10:00:00+08:00');
  const { deps, client } = await createMemoryDeps({
    clock,
    // Checks the database on every search, so rows inserted by factories are found at once.
    search: new SearchIndex({ checkIntervalMs: 0 }),
    ...overrides,
  });
  return { deps, client, clock };
}

/** The real app over a fresh database, plus helpers to call it. */
export async function createTestApp(overrides: Parameters<typeof createTestDeps>[0] = {}) {
  const ctx = await createTestDeps(overrides);
  const app = createApp({ resolveDeps: () => ctx.deps });
  const request = (path: string, init: RequestInit & { token?: string } = {}) => {
    const { token, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (token) headers.set('Authorization', `Bearer ${token}`);
    if (typeof rest.body === 'string' && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
    return app.request(path, { ...rest, headers });
  };
  return { ...ctx, app, request };
}

export async function createStaffToken(deps: Deps, role: StaffRole, name = `${role} user`) {
  const { token, staff } = await createStaff(deps, { name, role }, null);
  return { token, staff };
}

export async function insertCategory(db: Db, slug = 'orders', names: Record<string, string> = { en: 'Orders', zh: '订单' }) {
  await db
    .insert(categories)
    .values({ slug, position: 1, names, descriptions: {}, updatedAt: new Date() })
    .onConflictDoNothing();
}

let counter = 0;
/** Inserts an article (and its category when missing); every field can be overridden. */
export async function insertArticle(db: Db, overrides: Partial<NewArticleRow> = {}) {
  counter++;
  const category = overrides.category ?? 'orders';
  await insertCategory(db, category);
  const now = new Date('2026-11-01T00:00:00Z');
  const row: NewArticleRow = {
    id: newId(),
    slug: `article-${counter}`,
    locale: 'en',
    translationGroup: `group-${counter}`,
    kind: 'faq',
    title: `Article ${counter}`,
    summary: 'A short summary.',
    body: 'Body text of the article.',
    questions: [],
    tags: [],
    category,
    audience: 'public',
    status: 'published',
    version: 1,
    contentHash: `hash-${counter}`,
    publishedAt: now,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
  const [inserted] = await db.insert(articles).values(row).returning();
  return inserted!;
}

export async function problemOf(res: Response) {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return (await res.json()) as { type: string; title: string; status: number; detail: string; errors?: Array<{ path: string; message: string }> };
}
