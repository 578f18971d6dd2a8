/**
 * The FTS5 backend beyond the API cases (search-api-fts5.test.ts): the table follows every
 * kind of change made to articles, whoever made it; two instances syncing at once agree; a
 * large backlog is synced a few batches per refresh (a Worker's query budget); `auto` picks
 * the backend by the number of published articles.
 */
import { count, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { articles, searchFtsDocs, searchState } from '../../src/db/schema/index.js';
import type { Deps } from '../../src/deps.js';
import { SearchIndex } from '../../src/features/search/search.index.js';
import { rankArticles } from '../../src/features/search/search.service.js';
import { createTestDeps, insertArticle, insertCategory } from '../helpers.js';
import { openInstance, tempDatabase } from './instances.js';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const slugs = async (deps: Deps, q: string, viewer = {}) =>
  (await rankArticles(deps, { q, limit: 10 }, viewer)).ranked.map((r) => r.id);

async function ftsDeps() {
  const t = await createTestDeps({ search: new SearchIndex({ backend: 'fts5', checkIntervalMs: 0 }) });
  await insertCategory(t.deps.db, 'orders');
  return t;
}

describe('FTS5 backend', () => {
  it('follows publish, edit, unpublish, delete and rows written with an old timestamp', async () => {
    const { deps } = await ftsDeps();
    const a = await insertArticle(deps.db, { title: 'Gift wrapping at checkout', body: 'Choose gift wrap.', updatedAt: new Date('2026-11-05T00:00:00Z') });
    expect(await slugs(deps, 'gift wrap')).toEqual([a.id]);
    expect(deps.search.backend?.kind).toBe('fts5');

    await deps.db.update(articles).set({ title: 'Engraving service', body: 'We engrave names.', updatedAt: new Date('2026-11-06T00:00:00Z') }).where(eq(articles.id, a.id));
    expect(await slugs(deps, 'gift wrap')).toEqual([]);
    expect(await slugs(deps, 'engrave')).toEqual([a.id]);

    await deps.db.update(articles).set({ status: 'archived', updatedAt: new Date('2026-11-07T00:00:00Z') }).where(eq(articles.id, a.id));
    expect(await slugs(deps, 'engrave')).toEqual([]);

    // Older than the sync cursor: found by the count check, not by the cursor.
    const old = await insertArticle(deps.db, { title: 'Invoices for companies', body: 'Download invoices.', updatedAt: new Date('2020-01-01T00:00:00Z') });
    expect(await slugs(deps, 'invoices')).toEqual([old.id]);

    await deps.db.delete(articles).where(eq(articles.id, old.id));
    expect(await slugs(deps, 'invoices')).toEqual([]);
    const [indexed] = await deps.db.select({ n: count() }).from(searchFtsDocs);
    expect(indexed?.n).toBe(0);
  });

  it('keeps internal articles from anonymous callers and filters by locale, category and kind', async () => {
    const { deps } = await ftsDeps();
    await insertCategory(deps.db, 'returns');
    const pub = await insertArticle(deps.db, { title: 'Refund times', body: 'Refunds take 3 days.', category: 'returns' });
    const internal = await insertArticle(deps.db, { title: 'Refund exceptions', body: 'Refund exception form.', audience: 'internal', kind: 'solution', category: 'returns' });
    const zh = await insertArticle(deps.db, { locale: 'zh', title: '退款多久到账', body: '退款三天内到账。' });
    const staff = { staff: { id: 's', name: 'Agent', role: 'agent' as const } };
    expect(await slugs(deps, 'refund')).toEqual([pub.id]);
    expect(new Set(await slugs(deps, 'refund', staff))).toEqual(new Set([pub.id, internal.id]));
    const only = async (input: { locale?: 'zh' | 'en'; category?: string; kind?: 'faq' | 'solution' }, q: string) =>
      (await rankArticles(deps, { q, limit: 10, ...input }, staff)).ranked.map((r) => r.id);
    expect(await only({ kind: 'solution' }, 'refund')).toEqual([internal.id]);
    expect(await only({ category: 'orders' }, 'refund')).toEqual([]);
    expect(await only({ locale: 'zh' }, '退款到账')).toEqual([zh.id]);
    expect(await only({ locale: 'en' }, '退款到账')).toEqual([]);
  });

  it('two instances syncing the same table at once agree, with no duplicate', async () => {
    const db = await tempDatabase();
    cleanups.push(db.cleanup);
    const one = await openInstance(db.url, new SearchIndex({ backend: 'fts5' }));
    cleanups.push(one.close);
    const two = await openInstance(db.url, new SearchIndex({ backend: 'fts5' }));
    cleanups.push(two.close);
    await insertCategory(one.deps.db, 'orders');
    for (let i = 0; i < 60; i++) await insertArticle(one.deps.db, { title: `Warranty for model ${i}`, body: `Model ${i} has a two-year warranty.` });
    await Promise.all([one.deps.search.refresh(one.deps.db, Date.now(), { force: true }), two.deps.search.refresh(two.deps.db, Date.now(), { force: true })]);
    const [indexed] = await one.deps.db.select({ n: count() }).from(searchFtsDocs);
    expect(indexed?.n).toBe(60);
    const ids = await slugs(two.deps, 'warranty model 7');
    expect(new Set(ids).size).toBe(ids.length);
    expect(two.deps.search.size).toBe(60);
  });

  it('syncs a large backlog a few batches per refresh', async () => {
    const { deps } = await createTestDeps({ search: new SearchIndex({ backend: 'fts5', checkIntervalMs: 0, fts: { sync: { maxBatches: 2 } } }) });
    await insertCategory(deps.db, 'orders');
    for (let i = 0; i < 70; i++) await insertArticle(deps.db, { title: `Battery care ${i}`, body: 'Charge to 80%.' });
    await deps.search.refresh(deps.db, Date.now());
    const synced = async () => (await deps.db.select({ n: count() }).from(searchFtsDocs))[0]?.n;
    expect(await synced()).toBe(50);
    await deps.search.refresh(deps.db, Date.now());
    expect(await synced()).toBe(70);
    const [content, fts] = await deps.db.select().from(searchState).orderBy(searchState.key);
    expect(fts?.seq).toBe(content?.seq);
  });

  it('auto picks the memory engine up to the threshold and FTS5 above it', async () => {
    const pick = async (published: number) => {
      const { deps } = await createTestDeps({ search: new SearchIndex({ backend: 'auto', autoFts5Above: 3 }) });
      await insertCategory(deps.db, 'orders');
      for (let i = 0; i < published; i++) await insertArticle(deps.db, { title: `Article ${i}` });
      await insertArticle(deps.db, { title: 'A draft', status: 'draft' });
      await deps.search.refresh(deps.db, Date.now());
      return deps.search.backend?.kind;
    };
    expect(await pick(3)).toBe('memory');
    expect(await pick(4)).toBe('fts5');
  });
});
