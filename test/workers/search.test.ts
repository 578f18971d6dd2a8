/** In workerd over D1: the sample knowledge base imported over HTTP, searched in zh and en; problems for bad input. */
import { beforeAll, describe, expect, it } from 'vitest';
import { call, importSampleKnowledge, problemOf } from './helpers.js';

const search = async (q: string, locale: string) => {
  const res = await call(`/api/search?q=${encodeURIComponent(q)}&locale=${locale}`);
  expect(res.status).toBe(200);
  return (await res.json()) as { total: number; results: Array<{ slug: string; locale: string; url: string; snippet: string }> };
};

describe('knowledge and search in workerd', () => {
  beforeAll(async () => {
    const report = await importSampleKnowledge();
    expect(report.failed).toEqual([]);
    expect(report.created).toBe(104);
  });

  it('imports nothing twice: a second push leaves every article unchanged', async () => {
    const again = await importSampleKnowledge();
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 104 });
  });

  it('finds Chinese articles, segmented by Intl.Segmenter in workerd', async () => {
    const body = await search('退款多久到账', 'zh');
    expect(body.results[0]).toMatchObject({ slug: 'when-will-i-get-my-refund', locale: 'zh', url: '/zh/articles/when-will-i-get-my-refund' });
    expect(body.results[0]!.snippet).toContain('<mark>');
  });

  it('finds English articles despite a typo', async () => {
    const body = await search('how do I trak my order', 'en');
    expect(body.results[0]!.slug).toBe('track-my-order');
  });

  it('serves articles and the help center pages from the same Worker', async () => {
    const article = await call('/api/articles/en/track-my-order');
    expect(article.status).toBe(200);
    expect(article.headers.get('etag')).toBeTruthy();
    const page = await call('/zh/search?q=' + encodeURIComponent('退款多久到账'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('when-will-i-get-my-refund');
  });

  it('answers bad input with problem+json naming the field', async () => {
    const empty = await problemOf(await call('/api/search?q=&locale=zh'));
    expect(empty).toMatchObject({ status: 422, type: '/problems/validation-failed' });
    expect(empty.errors?.[0]?.path).toBe('query.q');
    const locale = await problemOf(await call('/api/search?q=refund&locale=fr'));
    expect(locale.errors?.[0]?.path).toBe('query.locale');
    const json = await call('/api/conversations', { method: 'POST', body: '{"locale":' });
    expect((await problemOf(json)).status).toBe(400);
    const missing = await call('/api/nowhere');
    expect((await problemOf(missing)).status).toBe(404);
  });

  it('refuses the import without an admin token', async () => {
    const res = await call('/api/admin/knowledge/import', { method: 'POST', body: JSON.stringify({ article_files: [] }) });
    expect((await problemOf(res)).status).toBe(401);
  });
});
