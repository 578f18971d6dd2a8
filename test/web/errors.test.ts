/** Friendly HTML error pages for browsers; problem+json for the API and for non-HTML clients. */
import { describe, expect, it } from 'vitest';
import { createBotApp } from '../bot/fixtures.js';
import { createTestApp } from '../helpers.js';

const HTML = { Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

describe('error pages for people', () => {
  it('answers an unknown help-center page with a translated HTML 404 and a search box', async () => {
    const t = await createTestApp();
    const zh = await t.request('/zh/no-such-page');
    expect(zh.status).toBe(404);
    expect(zh.headers.get('content-type')).toMatch(/^text\/html/);
    const zhPage = await zh.text();
    expect(zhPage).toContain('<html lang="zh-CN">');
    expect(zhPage).toContain('没有找到这个页面');
    expect(zhPage).toContain('<form class="search" action="/zh/search"');
    expect(zhPage).toContain('<meta name="robots" content="noindex"/>');
    expect(zhPage).not.toContain('rel="canonical"');
    const en = await (await t.request('/en/some/deep/path', { headers: HTML })).text();
    expect(en).toContain('We could not find that page.');
    expect(en).toContain('href="/en"');
  });

  it('shows the 404 page for an article that does not exist or is internal', async () => {
    const t = await createBotApp();
    for (const path of ['/en/articles/no-such-article', '/en/articles/agent-refund-exception', '/en/articles/Bad_Slug']) {
      const res = await t.request(path);
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).toContain('We could not find that page.');
    }
  });

  it('uses the browser language off the help center, and only for HTML requests', async () => {
    const t = await createTestApp();
    const page = await t.request('/nowhere', { headers: { ...HTML, 'Accept-Language': 'en-GB,en;q=0.8' } });
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('<html lang="en">');
    const zh = await t.request('/fr/whatever', { headers: { ...HTML, 'Accept-Language': 'zh-CN' } });
    expect(await zh.text()).toContain('没有找到这个页面');
    // curl and API clients keep problem+json.
    const plain = await t.request('/nowhere');
    expect(plain.status).toBe(404);
    expect(plain.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('keeps problem+json on API paths and for other methods, even when HTML is accepted', async () => {
    const t = await createTestApp();
    const api = await t.request('/api/no-such-thing', { headers: HTML });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const article = await t.request('/api/articles/en/no-such-article', { headers: HTML });
    expect(article.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const post = await t.request('/zh/no-such-page', { method: 'POST', headers: HTML });
    expect(post.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('answers a failure while rendering a page with an HTML 500 that leaks nothing', async () => {
    const t = await createTestApp();
    t.client.close(); // every query now fails
    const res = await t.request('/en', { headers: HTML });
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(body).toContain('Something went wrong');
    expect(body).toMatch(/reference: [\w-]+/);
    expect(body).not.toMatch(/at .*\.ts|libsql|SQLITE/i);
    const api = await t.request('/api/articles', { headers: HTML });
    expect(api.status).toBe(500);
    expect(api.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});

describe('search suggestions, progressively', () => {
  it('serves the search form as a plain form, with the suggestion script and its strings', async () => {
    const t = await createTestApp();
    const page = await (await t.request('/en')).text();
    expect(page).toContain('<script type="module" src="/assets/help.js"></script>');
    expect(page).toMatch(/<form class="search" action="\/en\/search" method="get" role="search"[^>]*data-suggestions="Suggestions"/);
    expect(page).toMatch(/<input id="q" name="q" type="search"/);
    // The combobox roles come from the script only: without it, the box is a plain search field.
    expect(page).not.toContain('role="combobox"');
    // The inline stylesheet arrives intact (quoted font names are not HTML-escaped).
    expect(page).toContain('"PingFang SC"');
    expect(page).not.toContain('&quot;PingFang');
    const zh = await (await t.request('/zh')).text();
    expect(zh).toContain('data-suggestions="搜索建议"');
  });
});
