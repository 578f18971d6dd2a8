import { describe, expect, it } from 'vitest';
import { createStaffToken, createTestApp, insertArticle, problemOf } from '../helpers.js';

describe('GET /api/articles', () => {
  it('lists published public articles with filters and pagination', async () => {
    const t = await createTestApp();
    for (let i = 0; i < 5; i++) await insertArticle(t.deps.db, { locale: 'en', tags: i % 2 ? ['refund'] : ['order'] });
    await insertArticle(t.deps.db, { locale: 'zh', category: 'payment' });
    await insertArticle(t.deps.db, { locale: 'en', status: 'draft' });
    await insertArticle(t.deps.db, { locale: 'en', status: 'archived' });

    const all = await (await t.request('/api/articles?limit=100')).json();
    expect(all.total).toBe(6);

    const page = await t.request('/api/articles?locale=en&limit=2&page=2');
    expect(page.status).toBe(200);
    const body = await page.json();
    expect(body).toMatchObject({ page: 2, limit: 2, total: 5, has_more: true });
    expect(body.items).toHaveLength(2);
    expect(body.items[0]).toMatchObject({ locale: 'en', status: 'published', audience: 'public' });
    expect(body.items[0].url).toMatch(/^\/en\/articles\//);

    const last = await (await t.request('/api/articles?locale=en&limit=2&page=3')).json();
    expect(last).toMatchObject({ total: 5, has_more: false });
    expect(last.items).toHaveLength(1);

    const tagged = await (await t.request('/api/articles?tag=refund')).json();
    expect(tagged.total).toBe(2);
    const byCategory = await (await t.request('/api/articles?category=payment')).json();
    expect(byCategory.items.map((a: { locale: string }) => a.locale)).toEqual(['zh']);
  });

  it.each([
    ['limit=101', 'query.limit'],
    ['limit=0', 'query.limit'],
    ['limit=abc', 'query.limit'],
    ['page=0', 'query.page'],
    ['locale=fr', 'query.locale'],
    ['kind=blog', 'query.kind'],
    ['category=Not%20A%20Slug', 'query.category'],
  ])('rejects %s with a 422 naming %s', async (query, field) => {
    const t = await createTestApp();
    const res = await t.request(`/api/articles?${query}`);
    expect(res.status).toBe(422);
    const problem = await problemOf(res);
    expect(problem.errors?.map((e) => e.path)).toEqual([field]);
    expect(problem.type).toBe('/problems/validation-failed');
  });
});

describe('GET /api/articles/{locale}/{slug}', () => {
  it('returns the sanitised HTML, the markdown and links to translations', async () => {
    const t = await createTestApp();
    await insertArticle(t.deps.db, {
      slug: 'track-order',
      locale: 'en',
      translationGroup: 'track',
      body: '## Steps\n\n1. Open **Orders**\n\n<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n[bad](javascript:alert(3))',
      questions: ['where is my parcel'],
    });
    await insertArticle(t.deps.db, { slug: 'track-order', locale: 'zh', translationGroup: 'track', title: '查询订单' });
    const res = await t.request('/api/articles/en/track-order');
    expect(res.status).toBe(200);
    const a = await res.json();
    expect(a.html).toContain('<h2>Steps</h2>');
    expect(a.html).toContain('<strong>Orders</strong>');
    expect(a.html).not.toMatch(/<script|onerror|javascript:/i);
    expect(a.markdown).toContain('<script>');
    expect(a.questions).toEqual(['where is my parcel']);
    expect(a.translations).toEqual([{ locale: 'zh', slug: 'track-order', title: '查询订单', url: '/zh/articles/track-order' }]);
  });

  it('answers with an ETag and 304 when it has not changed', async () => {
    const t = await createTestApp();
    await insertArticle(t.deps.db, { slug: 'cached', locale: 'en' });
    const first = await t.request('/api/articles/en/cached');
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await t.request('/api/articles/en/cached', { headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);
  });

  it('404s with problem+json for a missing article, 422 for a bad locale or slug', async () => {
    const t = await createTestApp();
    const missing = await t.request('/api/articles/en/no-such-article');
    expect(missing.status).toBe(404);
    expect((await problemOf(missing)).detail).toContain('no-such-article');
    const badLocale = await t.request('/api/articles/xx/anything');
    expect(badLocale.status).toBe(422);
    expect((await problemOf(badLocale)).errors?.[0]?.path).toBe('path.locale');
    const badSlug = await t.request('/api/articles/en/Bad%20Slug');
    expect((await problemOf(badSlug)).errors?.[0]?.path).toBe('path.slug');
  });

  it('hides drafts from customers and agents but shows them to editors', async () => {
    const t = await createTestApp();
    await insertArticle(t.deps.db, { slug: 'draft-one', status: 'draft' });
    const { token: agent } = await createStaffToken(t.deps, 'agent');
    const { token: editor } = await createStaffToken(t.deps, 'editor');
    expect((await t.request('/api/articles/en/draft-one')).status).toBe(404);
    expect((await t.request('/api/articles/en/draft-one', { token: agent })).status).toBe(404);
    expect((await t.request('/api/articles/en/draft-one', { token: editor })).status).toBe(200);
  });
});

describe('internal articles', () => {
  async function setup() {
    const t = await createTestApp();
    await insertArticle(t.deps.db, { slug: 'public-faq', audience: 'public' });
    await insertArticle(t.deps.db, { slug: 'agent-refund-exception', audience: 'internal', kind: 'solution', category: 'returns' });
    const { token } = await createStaffToken(t.deps, 'agent');
    return { ...t, agentToken: token };
  }

  it('never reach anonymous callers: list, detail, filters or category counts', async () => {
    const t = await setup();
    const list = await (await t.request('/api/articles?limit=100')).json();
    expect(list.items.map((a: { slug: string }) => a.slug)).toEqual(['public-faq']);
    const asked = await (await t.request('/api/articles?audience=internal')).json();
    expect(asked.total).toBe(0);
    expect((await t.request('/api/articles/en/agent-refund-exception')).status).toBe(404);
    const cats = await (await t.request('/api/categories')).json();
    const returns = cats.items.find((c: { slug: string }) => c.slug === 'returns');
    expect(returns.article_counts).toEqual({});
  });

  it('are visible to staff and flagged as internal', async () => {
    const t = await setup();
    const list = await (await t.request('/api/articles?audience=internal', { token: t.agentToken })).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ slug: 'agent-refund-exception', audience: 'internal', kind: 'solution' });
    const one = await t.request('/api/articles/en/agent-refund-exception', { token: t.agentToken });
    expect(one.status).toBe(200);
    const cats = await (await t.request('/api/categories', { token: t.agentToken })).json();
    expect(cats.items.find((c: { slug: string }) => c.slug === 'returns').article_counts).toEqual({ en: 1 });
  });
});

describe('GET /api/categories', () => {
  it('lists categories in order with per-locale names', async () => {
    const t = await createTestApp();
    await insertArticle(t.deps.db, { locale: 'zh', category: 'orders' });
    const res = await t.request('/api/categories');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.items[0]).toMatchObject({ slug: 'orders', names: { en: 'Orders', zh: '订单' }, article_counts: { zh: 1 } });
  });
});

describe('editor listing', () => {
  it('filters by status for editors only', async () => {
    const t = await createTestApp();
    await insertArticle(t.deps.db, { slug: 'live-one' });
    await insertArticle(t.deps.db, { slug: 'draft-one', status: 'draft' });
    const { token: editor } = await createStaffToken(t.deps, 'editor');
    const drafts = await (await t.request('/api/articles?status=draft', { token: editor })).json();
    expect(drafts.items.map((a: { slug: string }) => a.slug)).toEqual(['draft-one']);
    const anon = await (await t.request('/api/articles?status=draft')).json();
    expect(anon.items.map((a: { slug: string }) => a.slug)).toEqual(['live-one']);
  });
});
