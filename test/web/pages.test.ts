import { describe, expect, it } from 'vitest';
import { createBotApp } from '../bot/fixtures.js';
import { insertArticle } from '../helpers.js';

describe('help-center pages (server-rendered)', () => {
  it('sends visitors to their language', async () => {
    const t = await createBotApp();
    const res = await t.request('/', { headers: { 'Accept-Language': 'en-US,en;q=0.9' } });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/en');
    expect((await t.request('/', { headers: { 'Accept-Language': 'zh-CN' } })).headers.get('location')).toBe('/zh');
  });

  it('shows the home page with categories and articles, in both languages', async () => {
    const t = await createBotApp();
    const en = await (await t.request('/en')).text();
    expect(en).toContain('How can we help?');
    expect(en).toContain('Returns &amp; refunds');
    expect(en).toContain('href="/zh"');
    const zh = await (await t.request('/zh')).text();
    expect(zh).toContain('有什么可以帮您？');
    expect(zh).toContain('<html lang="zh-CN">');
  });

  it('searches with highlighted snippets and opens an article with hreflang links and feedback', async () => {
    const t = await createBotApp();
    const results = await (await t.request(`/zh/search?q=${encodeURIComponent('退款多久到账')}`)).text();
    expect(results).toContain('/zh/articles/when-will-i-get-my-refund');
    expect(results).toContain('<mark>退款</mark>');
    const page = await (await t.request('/zh/articles/when-will-i-get-my-refund')).text();
    expect(page).toContain('<h1>退款多久能到账？</h1>');
    expect(page).toContain('hreflang="en" href="/en/articles/when-will-i-get-my-refund"');
    expect(page).toContain('<table>');
    const feedback = await t.request('/zh/articles/when-will-i-get-my-refund/feedback', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'helpful=no&comment=%E6%B2%A1%E8%AF%B4%E6%B8%85%E6%A5%9A',
    });
    expect(feedback.status).toBe(303);
    expect(await (await t.request(feedback.headers.get('location')!)).text()).toContain('感谢您的反馈');
  });

  it('never lets stored HTML run and never shows internal articles', async () => {
    const t = await createBotApp();
    await insertArticle(t.deps.db, { slug: 'xss-page', locale: 'en', title: 'Gift <script>alert(1)</script>', body: 'Hi <img src=x onerror=alert(2)> there' });
    const page = await (await t.request('/en/articles/xss-page')).text();
    expect(page).not.toMatch(/<script>alert|onerror=alert/);
    expect(page).toContain('Gift &lt;script&gt;');
    expect((await t.request('/en/articles/agent-refund-exception')).status).toBe(404);
    const search = await (await t.request('/en/search?q=refund+exception+form')).text();
    expect(search).not.toContain('agent-refund-exception');
  });
});
