/**
 * The search API's behaviour, run once per search backend (search-api.test.ts: memory,
 * search-api-fts5.test.ts: FTS5): the same answers, filters, visibility, snippets, logging
 * and synonyms through both.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { articles, searchLog } from '../../src/db/schema/index.js';
import type { BackendKind } from '../../src/features/search/search.backend.js';
import { SearchIndex } from '../../src/features/search/search.index.js';
import { createStaffToken, createTestApp as createApp, insertArticle, problemOf } from '../helpers.js';

export function searchApiCases(backend: BackendKind) {
  const createTestApp = (overrides: Parameters<typeof createApp>[0] = {}) =>
    createApp({ search: new SearchIndex({ checkIntervalMs: 0, backend }), ...overrides });

  async function seeded() {
    const t = await createTestApp();
    await insertArticle(t.deps.db, {
      slug: 'refund-time',
      locale: 'zh',
      title: '退款多久能到账？',
      body: '退款一律原路退回。验货后 24 小时内发起退款，支付宝即时到账。',
      questions: ['退款什么时候到账', '钱怎么还没退'],
      category: 'returns',
    });
    await insertArticle(t.deps.db, {
      slug: 'refund-time',
      locale: 'en',
      title: 'When will I get my refund?',
      body: 'Refunds go back to the original payment method within 24 hours of inspection.',
      questions: ['where is my refund', 'refund not received'],
      category: 'returns',
    });
    await insertArticle(t.deps.db, {
      slug: 'track-order',
      locale: 'en',
      title: 'How do I track my order?',
      body: 'Open Orders and tap Track to see where your parcel is.',
      questions: ['where is my package', 'my parcel has not arrived'],
    });
    await insertArticle(t.deps.db, {
      slug: 'agent-refund-exception',
      locale: 'en',
      title: 'Processing a refund exception',
      body: 'Use the refund exception form in the Ops Console. Team lead approval up to 200.',
      questions: ['refund after return window'],
      audience: 'internal',
      kind: 'solution',
      category: 'returns',
    });
    const { token: agent } = await createStaffToken(t.deps, 'agent');
    const { token: editor } = await createStaffToken(t.deps, 'editor');
    return { ...t, agent, editor };
  }

  describe('GET /api/search', () => {
    it('finds Chinese articles with highlighted snippets', async () => {
      const t = await seeded();
      const res = await t.request(`/api/search?q=${encodeURIComponent('退款什么时候到账')}&locale=zh`);
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.results[0]).toMatchObject({ slug: 'refund-time', locale: 'zh', url: '/zh/articles/refund-time', audience: 'public' });
      expect(body.results[0].snippet).toContain('<mark>退款</mark>');
      expect(body.total).toBeGreaterThanOrEqual(1);
      expect(typeof body.took_ms).toBe('number');
      expect(body.query_id).toBeTruthy();
    });

    it('finds English articles despite a typo, a plural and full-width letters', async () => {
      const t = await seeded();
      // FTS5 has no edit-distance matching (docs/scaling.md): there a misspelt word is found when
      // another query word brings the article in ("not"), and phrasing trigrams then rank it.
      for (const q of ['refunds', 'refnd not recieved', 'ＲＥＦＵＮＤ']) {
        const body = await (await t.request(`/api/search?q=${encodeURIComponent(q)}&locale=en`)).json();
        expect(body.results[0]?.slug, q).toBe('refund-time');
      }
      const parcel = await (await t.request('/api/search?q=where+is+my+parcel&locale=en')).json();
      expect(parcel.results[0].slug).toBe('track-order');
    });

    it('escapes HTML in snippets', async () => {
      const t = await createTestApp();
      await insertArticle(t.deps.db, {
        slug: 'x',
        title: 'Refund <img src=x onerror=alert(1)>',
        body: 'Refund when `price < 5 & "x"` <script>alert(1)</script><img src=x onerror=alert(2)>',
      });
      const body = await (await t.request('/api/search?q=refund')).json();
      expect(body.results[0].snippet).not.toMatch(/<script|<img|onerror=alert\(2/);
      expect(body.results[0].snippet).toContain('&lt; 5 &amp; &quot;x&quot;');
    });

    it('never shows internal articles to anonymous callers, but does to staff, flagged', async () => {
      const t = await seeded();
      const anon = await (await t.request('/api/search?q=refund+exception+ops+console&locale=en')).json();
      expect(anon.results.map((r: { audience: string }) => r.audience)).not.toContain('internal');
      expect(JSON.stringify(anon)).not.toContain('Ops Console');
      const suggest = await (await t.request('/api/search/suggest?q=refund+excep')).json();
      expect(JSON.stringify(suggest)).not.toMatch(/exception/i);
      const staff = await (await t.request('/api/search?q=refund+exception+ops+console&locale=en', { token: t.agent })).json();
      expect(staff.results[0]).toMatchObject({ slug: 'agent-refund-exception', audience: 'internal', kind: 'solution' });
    });

    it('filters by category and kind', async () => {
      const t = await seeded();
      const body = await (await t.request('/api/search?q=refund&category=orders', { token: t.agent })).json();
      expect(body.total).toBe(0);
      const solutions = await (await t.request('/api/search?q=refund&kind=solution', { token: t.agent })).json();
      expect(solutions.results.map((r: { kind: string }) => r.kind)).toEqual(['solution']);
    });

    it('explains matches for staff only', async () => {
      const t = await seeded();
      const res = await t.request('/api/search?q=where+is+my+package&explain=1', { token: t.agent });
      const top = (await res.json()).results[0];
      expect(top.explain.best_phrasing).toBe('where is my package');
      expect(Object.keys(top.explain.matched_terms)).toContain('packag');
      expect(Object.values(top.explain.field_boosts).every((b) => typeof b === 'number')).toBe(true);
      const anon = await t.request('/api/search?q=package&explain=1');
      expect(anon.status).toBe(403);
      await problemOf(anon);
    });

    it('returns an empty result for punctuation or emoji only', async () => {
      const t = await seeded();
      for (const q of ['???', '🙂🙂', '，。！']) {
        const res = await t.request(`/api/search?q=${encodeURIComponent(q)}`);
        expect(res.status, q).toBe(200);
        expect((await res.json()).total).toBe(0);
      }
    });

    it.each([
      ['', 'query.q'],
      ['q=', 'query.q'],
      ['q=%20%20', 'query.q'],
      [`q=${'a'.repeat(201)}`, 'query.q'],
      ['q=refund&locale=fr', 'query.locale'],
      ['q=refund&limit=0', 'query.limit'],
      ['q=refund&limit=51', 'query.limit'],
      ['q=refund&explain=maybe', 'query.explain'],
    ])('rejects "%s" with a 422 naming %s', async (query, field) => {
      const t = await createTestApp();
      const res = await t.request(`/api/search?${query}`);
      expect(res.status).toBe(422);
      expect((await problemOf(res)).errors?.map((e) => e.path)).toContain(field);
    });

    it('picks up a newly published article and drops an archived one', async () => {
      const t = await seeded();
      await insertArticle(t.deps.db, { slug: 'gift-cards', title: 'Using gift cards', body: 'Gift cards never expire.' });
      expect((await (await t.request('/api/search?q=gift+cards')).json()).results[0].slug).toBe('gift-cards');
      await t.deps.db.update(articles).set({ status: 'archived', updatedAt: new Date('2026-11-02') }).where(eq(articles.slug, 'gift-cards'));
      expect((await (await t.request('/api/search?q=gift+cards')).json()).total).toBe(0);
    });
  });

  describe('suggestions', () => {
    it('completes as you type with titles and phrasings', async () => {
      const t = await seeded();
      const res = await t.request('/api/search/suggest?q=where+is+my+pack&locale=en');
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.articles[0]).toMatchObject({ title: 'How do I track my order?', url: '/en/articles/track-order' });
      expect(body.queries).toContain('where is my package');
      const zh = await (await t.request(`/api/search/suggest?q=${encodeURIComponent('退款')}`)).json();
      expect(zh.articles.map((a: { locale: string }) => a.locale)).toContain('zh');
    });

    it('offers popular past searches seen at least three times, redacted', async () => {
      const t = await seeded();
      for (let i = 0; i < 3; i++) await t.request('/api/search?q=refund+status&locale=en');
      await t.request('/api/search?q=refund+stuff+rare&locale=en');
      await t.deps.background.flush();
      const body = await (await t.request('/api/search/suggest?q=refund+st&locale=en')).json();
      expect(body.queries).toContain('refund status');
      expect(body.queries).not.toContain('refund stuff rare');
    });
  });

  describe('search analytics', () => {
    it('logs searches without personal data and records clicks', async () => {
      const t = await seeded();
      const res = await (await t.request(`/api/search?q=${encodeURIComponent('Refund for li.wei@example.com call 138 0013 8000')}&locale=en`)).json();
      await t.deps.background.flush();
      const [row] = await t.deps.db.select().from(searchLog).where(eq(searchLog.id, res.query_id));
      expect(row!.query).toBe('refund for [email] call [number]');
      expect(row!.resultCount).toBe(res.total);
      const click = await t.request('/api/search/click', {
        method: 'POST',
        body: JSON.stringify({ query_id: res.query_id, article_id: res.results[0].id }),
      });
      expect(click.status).toBe(204);
      const [clicked] = await t.deps.db.select().from(searchLog).where(eq(searchLog.id, res.query_id));
      expect(clicked!.clickedArticleId).toBe(res.results[0].id);
      const unknown = await t.request('/api/search/click', { method: 'POST', body: JSON.stringify({ query_id: 'nope', article_id: 'x' }) });
      expect(unknown.status).toBe(404);
      const bad = await t.request('/api/search/click', { method: 'POST', body: JSON.stringify({ query_id: 1 }) });
      expect(bad.status).toBe(422);
    });

    it('reports top, zero-result and no-click queries to editors only', async () => {
      const t = await seeded();
      for (const q of ['refund', 'refund', 'refund', 'teleport', 'teleport', 'parcel']) await t.request(`/api/search?q=${q}&locale=en`);
      await t.deps.background.flush();
      const first = await (await t.request('/api/search?q=parcel&locale=en')).json();
      await t.request('/api/search/click', { method: 'POST', body: JSON.stringify({ query_id: first.query_id, article_id: first.results[0].id }) });
      await t.deps.background.flush();

      expect((await t.request('/api/admin/search-report', { token: t.agent })).status).toBe(403);
      const res = await t.request('/api/admin/search-report?from=2026-11-01&to=2026-12-01', { token: t.editor });
      expect(res.status).toBe(200);
      const report = await res.json();
      expect(report.totals).toMatchObject({ searches: 7, zero_result: 2, with_click: 1 });
      expect(report.top_queries[0]).toMatchObject({ query: 'refund', count: 3, clicks: 0 });
      expect(report.zero_result_queries).toEqual([{ query: 'teleport', count: 2 }]);
      expect(report.no_click_queries).toEqual(expect.arrayContaining([{ query: 'refund', count: 3 }, { query: 'parcel', count: 1 }]));
      const bad = await t.request('/api/admin/search-report?from=2026-12-01&to=2026-11-01', { token: t.editor });
      expect((await problemOf(bad)).errors?.[0]?.path).toBe('query.from');
    });
  });

  describe('synonyms', () => {
    it('lets editors add a synonym set that expands later queries', async () => {
      const t = await seeded();
      const search = async (q: string, locale: string) =>
        (await t.request(`/api/search?q=${encodeURIComponent(q)}&locale=${locale}`)).json();
      expect((await search('返现', 'zh')).total).toBe(0);
      expect((await search('reimbursement', 'en')).total).toBe(0);
      const post = (body: unknown) => t.request('/api/admin/synonyms', { method: 'POST', token: t.editor, body: JSON.stringify(body) });
      const zh = await post({ terms: ['返现', '退款'], locale: 'zh' });
      expect(zh.status).toBe(201);
      expect((await post({ terms: ['reimbursement', 'refund'] })).status).toBe(201);

      const after = await search('返现', 'zh');
      expect(after.expanded_with).toEqual(['退款']);
      expect(after.results[0].slug).toBe('refund-time');
      expect((await search('reimbursement', 'en')).results[0].slug).toBe('refund-time');

      const { id } = await zh.json();
      expect((await t.request(`/api/admin/synonyms/${id}`, { method: 'DELETE', token: t.editor })).status).toBe(204);
      expect((await search('返现', 'zh')).total).toBe(0);
      const list = await (await t.request('/api/admin/synonyms', { token: t.editor })).json();
      expect(list.items.map((s: { terms: string[] }) => s.terms)).toEqual([['reimbursement', 'refund']]);
    });

    it('validates synonym sets and needs the editor role', async () => {
      const t = await seeded();
      const post = (token: string, body: unknown) => t.request('/api/admin/synonyms', { method: 'POST', token, body: JSON.stringify(body) });
      expect((await post(t.agent, { terms: ['a', 'b'] })).status).toBe(403);
      const one = await post(t.editor, { terms: ['only'] });
      expect((await problemOf(one)).errors?.[0]?.path).toBe('body.terms');
      const dup = await post(t.editor, { terms: ['Same', 'same'] });
      expect(dup.status).toBe(422);
      const missing = await t.request('/api/admin/synonyms/nope', { method: 'PUT', token: t.editor, body: JSON.stringify({ terms: ['a', 'b'] }) });
      expect(missing.status).toBe(404);
    });
  });

  describe('rate limiting', () => {
    it('answers 429 problem+json with Retry-After past the per-client budget, but not for staff', async () => {
      const t = await createTestApp({ config: { rateLimitPerMinute: 3 } });
      const { token } = await createStaffToken(t.deps, 'agent');
      const from = (ip: string) => ({ headers: { 'X-Forwarded-For': ip } });
      for (let i = 0; i < 3; i++) expect((await t.request('/api/search?q=refund', from('10.0.0.1'))).status).toBe(200);
      const limited = await t.request('/api/search/suggest?q=refund', from('10.0.0.1'));
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await problemOf(limited)).type).toBe('/problems/rate-limited');
      expect((await t.request('/api/search?q=refund', from('10.0.0.2'))).status).toBe(200);
      expect((await t.request('/api/search?q=refund', { ...from('10.0.0.1'), token })).status).toBe(200);
    });
  });
}
