/**
 * Cold starts from database snapshots: a new instance loads the newest snapshot and reads only
 * the articles changed since it (never every article), scores exactly like an index built from
 * rows, falls back to a full build without one and then writes one; writes are debounced, kept
 * to the newest few, chunked, and an incomplete snapshot is skipped.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { searchSnapshots } from '../../src/db/schema/index.js';
import { SearchIndex, type SearchIndexOptions } from '../../src/features/search/search.index.js';
import { MemoryBackend } from '../../src/features/search/search.memory.js';
import { writeSnapshot } from '../../src/features/search/search.reindex.js';
import { rankArticles } from '../../src/features/search/search.service.js';
import { decodeSnapshot, encodeSnapshot, listSnapshots, saveSnapshot } from '../../src/features/search/search.snapshots.js';
import { createStaffToken, insertArticle, insertCategory } from '../helpers.js';
import { openInstance, tempDatabase } from './instances.js';
import { and, eq } from 'drizzle-orm';

const SNAPSHOTS: SearchIndexOptions = { backend: 'memory', snapshots: { minArticles: 0, delayMs: 20 } };
const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const TOPICS = ['refund', 'delivery', 'invoice', 'password', 'warranty', 'coupon', 'address', 'battery'];

async function seeded(count = 24, options: SearchIndexOptions = SNAPSHOTS) {
  const db = await tempDatabase();
  cleanups.push(db.cleanup);
  const one = await openInstance(db.url, new SearchIndex(options));
  cleanups.push(one.close);
  await insertCategory(one.deps.db, 'orders');
  for (let i = 0; i < count; i++) {
    const topic = TOPICS[i % TOPICS.length]!;
    await insertArticle(one.deps.db, {
      slug: `${topic}-${i}`,
      locale: i % 3 === 0 ? 'zh' : 'en',
      title: i % 3 === 0 ? `第${i}号商品的退款多久到账` : `How long does a ${topic} take for item ${i}?`,
      body: i % 3 === 0 ? '退款一律原路退回，验货后24小时内发起。' : `Our ${topic} policy: we handle every ${topic} request within 24 hours of inspection.`,
      questions: [`${topic} question ${i}`, `what about my ${topic}`],
      updatedAt: new Date('2026-11-01T00:00:00Z'),
    });
  }
  return { db, one };
}

const ranking = async (deps: Parameters<typeof rankArticles>[0], q: string) =>
  (await rankArticles(deps, { q, limit: 10 }, {})).ranked.slice(0, 10).map((r) => [r.id, r.score]);

describe('search snapshots', () => {
  it('a new instance loads the newest snapshot and reads only the rows changed since', async () => {
    const { db, one } = await seeded();
    await one.deps.search.refresh(one.deps.db, Date.now(), { force: true });
    expect(await writeSnapshot(one.deps)).toMatchObject({ chunks: 1 });
    await insertArticle(one.deps.db, { slug: 'gift-wrap', title: 'Can you gift-wrap my order?', body: 'Yes, at checkout.', updatedAt: new Date('2026-11-02T00:00:00Z') });

    const two = await openInstance(db.url, new SearchIndex(SNAPSHOTS));
    cleanups.push(two.close);
    two.sql.length = 0;
    expect((await rankArticles(two.deps, { q: 'gift wrap', limit: 5 }, {})).ranked[0]?.id).toBeDefined();
    expect(two.deps.search.lastLoad).toMatchObject({ backend: 'memory', from: 'snapshot', caughtUp: 1 });
    // No statement read every published article: only the one changed since the snapshot.
    expect(two.sql.filter((s) => /from "articles" where "articles"."status" = \?/.test(s))).toEqual([]);
    expect(two.sql.some((s) => /from "articles" where "articles"."updated_at" > \?/.test(s))).toBe(true);

    // Scores exactly like an index built from every row.
    const rows = await openInstance(db.url, new SearchIndex({ backend: 'memory', snapshots: { enabled: false } }));
    cleanups.push(rows.close);
    for (const q of ['refund', '退款多久到账', 'warranty item', 'gift wrap', 'what about my coupon']) {
      expect(await ranking(two.deps, q), q).toEqual(await ranking(rows.deps, q));
    }
    expect(rows.deps.search.lastLoad?.from).toBe('rows');
  });

  it('without a snapshot builds from the rows, then writes one in the background', async () => {
    const { one } = await seeded();
    expect(await listSnapshots(one.deps.db)).toEqual([]);
    await rankArticles(one.deps, { q: 'refund', limit: 5 }, {});
    expect(one.deps.search.lastLoad?.from).toBe('rows');
    await one.deps.background.flush();
    const [stored] = await listSnapshots(one.deps.db);
    expect(stored?.version).toBe(one.deps.search.version);
  });

  it('debounces writes after publishing and keeps only the newest few', async () => {
    const { one } = await seeded(24, { ...SNAPSHOTS, snapshots: { minArticles: 0, delayMs: 400 } });
    await one.deps.search.refresh(one.deps.db, Date.now(), { force: true });
    const { token } = await createStaffToken(one.deps, 'editor');
    const publishNew = async (slug: string) => {
      const res = await one.request('/api/articles', { method: 'POST', token, body: JSON.stringify({ locale: 'en', slug, title: `About ${slug}`, body: 'Text.', category: 'orders' }) });
      const { id } = (await res.json()) as { id: string };
      expect((await one.request(`/api/articles/${id}/publish`, { method: 'POST', token })).status).toBe(200);
    };
    for (const slug of ['one', 'two', 'three']) await publishNew(slug);
    await one.deps.background.flush();
    expect(await listSnapshots(one.deps.db, 10)).toHaveLength(1);
    for (const slug of ['four', 'five', 'six', 'seven']) {
      await publishNew(slug);
      await one.deps.background.flush();
    }
    const kept = await listSnapshots(one.deps.db, 10);
    expect(kept).toHaveLength(3);
    expect(kept[0]?.version).toBe(one.deps.search.version);
  });

  it('splits a snapshot into chunks and skips an incomplete one', async () => {
    const { one } = await seeded();
    await one.deps.search.refresh(one.deps.db, Date.now(), { force: true });
    const backend = one.deps.search.backend as MemoryBackend;
    const snapshot = await backend.encode();
    const old = await saveSnapshot(one.deps.db, { id: 'a-old', version: '1.1.0.0', snapshot, now: new Date(1000), keep: 3, chunkBytes: 1000 });
    expect(old.chunks).toBeGreaterThan(2);
    const broken = await saveSnapshot(one.deps.db, { id: 'b-new', version: '2.2.0.0', snapshot, now: new Date(2000), keep: 3, chunkBytes: 1000 });
    await one.deps.db.delete(searchSnapshots).where(and(eq(searchSnapshots.id, broken.id), eq(searchSnapshots.chunk, 1)));

    const loaded = new MemoryBackend();
    expect(await loaded.loadSnapshot(one.deps.db)).toEqual({ articles: 1, articlesAt: 1, synonyms: 0, synonymsAt: 0, tie: -1 });
    const filter = { audiences: ['public'] };
    expect(loaded.engine.search('refund policy', filter, 10)).toEqual(backend.engine.search('refund policy', filter, 10));
    // The same through an index's first load (the newest snapshot read in its first batch).
    const index = new SearchIndex({ backend: 'memory' });
    await index.refresh(one.deps.db, Date.now());
    expect(index.lastLoad?.from).toBe('snapshot');
  });

  it('encodes as JSON while small and as gzip + base64 above the threshold, both round-trip', async () => {
    const value = { text: '退款 refund '.repeat(5000), n: [1, 2, 3] };
    const json = await encodeSnapshot(value);
    expect(json).toEqual({ format: 'snapshot1+json', data: JSON.stringify(value) });
    const gzip = await encodeSnapshot(value, 1000);
    expect(gzip.format).toBe('snapshot1+gzip+base64');
    expect(gzip.data).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(gzip.data.length).toBeLessThan(json.data.length / 10);
    expect(await decodeSnapshot(gzip)).toEqual(value);
    // Larger than one base64 slice once compressed (random digits do not compress away).
    let seed = 7;
    const noisy = { digits: Array.from({ length: 60_000 }, () => (seed = (seed * 48271) % 2147483647) % 1000) };
    const big = await encodeSnapshot(noisy, 0);
    expect(big.data.length).toBeGreaterThan(100_000);
    expect(big.data).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(await decodeSnapshot(big)).toEqual(noisy);
  });
});
