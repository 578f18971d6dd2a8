/**
 * The admin pages in a real browser: the metrics dashboard after real activity (conversations,
 * a handoff answered and rated, a complaint, searches), a change of period, and staff
 * management (a new editor token that works until it is deactivated).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectLabelledControls, expectVisibleFocus, tabStops } from './a11y.js';
import { openPage, type Product, screenshots, signIn, useProduct } from './harness.js';

/** Customers and an agent use the product through the API, as the widget and console would. */
async function createActivity(product: Product) {
  const call = async (path: string, init: { method?: string; body?: unknown; token?: string; headers?: Record<string, string> } = {}) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', ...init.headers };
    if (init.token) headers.Authorization = `Bearer ${init.token}`;
    const res = await fetch(`${product.url}${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
    expect(res.status, `${init.method ?? 'GET'} ${path}`).toBeLessThan(300);
    return res.status === 204 ? null : res.json();
  };
  const chat = async (locale: string, ...texts: string[]) => {
    const c = await call('/api/conversations', { method: 'POST', body: { locale } });
    for (const text of texts) await call(`/api/conversations/${c.id}/messages`, { method: 'POST', headers: { 'X-Conversation-Token': c.token }, body: { text } });
    return c as { id: string; token: string };
  };
  await chat('en', 'How long does a refund take?');
  await chat('zh', '退款多久能到账？');
  const rated = await chat('zh', '转人工');
  await chat('en', 'This is unacceptable, the courier was rude to me. I want to make a complaint.');
  const agent = product.tokens.agent;
  const queue = await call('/api/queue', { token: agent });
  const handoff = queue.items.find((h: { conversation_id: string }) => h.conversation_id === rated.id);
  await call(`/api/handoffs/${handoff.id}/claim`, { method: 'POST', token: agent });
  await call(`/api/handoffs/${handoff.id}/messages`, { method: 'POST', token: agent, body: { text: '您好，我来帮您处理。' } });
  await call(`/api/handoffs/${handoff.id}/resolve`, { method: 'POST', token: agent, body: { note: 'done', article_ids: [] } });
  await call(`/api/conversations/${rated.id}/rating`, { method: 'POST', headers: { 'X-Conversation-Token': rated.token }, body: { rating: 4 } });
  await call('/api/search?q=refund&locale=en');
  await call('/api/search?q=zzqqxxvv&locale=en');
}

const kpi = (page: Page, name: string) => page.locator('.kpi').filter({ has: page.locator('dt', { hasText: name }) }).locator('dd.value');
const chartLabel = (page: Page, id: string) => page.locator(`#chart-${id} svg[role=img]`).first().getAttribute('aria-label');

/** Labels on every control, and a visible outline on keyboard focus. */
async function checkAccessibility(page: Page) {
  await expectLabelledControls(page);
  const stops = await tabStops(page, 3);
  expect(stops[0]).toMatch(/^a:Skip to content/);
  await expectVisibleFocus(page);
}

describe('admin pages in a real browser', () => {
  const env = useProduct(async (p) => {
    await createActivity(p);
  });

  it('shows the dashboard with figures and charts, and follows a change of period', async () => {
    const { page, errors } = await openPage(env.browser);
    await signIn(page, env.product.url, '/en/admin', env.product.tokens.admin);
    await expect.poll(() => kpi(page, 'Conversations').textContent()).toBe('4');
    expect(await kpi(page, 'Handoffs').textContent()).toBe('2');
    expect(await kpi(page, 'Self-service deflection').textContent()).toBe('50%');
    expect(await kpi(page, 'Satisfaction (CSAT)').textContent()).toBe('4');
    expect(await kpi(page, 'Searches with no result').textContent()).toBe('50%');
    // The search section: the index serving, and semantic re-ranking off (no embedding model).
    await expect.poll(() => kpi(page, 'Articles in the search index').textContent()).toMatch(/^\d+$/);
    expect(await kpi(page, 'Semantic re-ranking').textContent()).toBe('Off');
    expect(await chartLabel(page, 'reasons')).toMatch(/Handoffs by reason: .*Asked for a person 1.*Complaint 1|Complaint 1.*Asked for a person 1/);
    expect(await chartLabel(page, 'complaints')).toMatch(/^Complaints by category and severity: [^,]+ 1$/);
    expect(await chartLabel(page, 'csat')).toMatch(/Average rating: highest 4/);
    expect(await page.locator('svg[role=img]').count()).toBeGreaterThanOrEqual(7);
    // The figures are also there as a table.
    await page.locator('#chart-reasons summary').click();
    await expect.poll(() => page.locator('#chart-reasons table').textContent()).toMatch(/Asked for a person\s*1/);
    await screenshots(page, 'admin-dashboard-en');
    await checkAccessibility(page);

    // A period with no activity: empty figures, charts say so, the URL keeps the period.
    await page.getByLabel('From').fill('2020-01-01');
    await page.getByLabel('To (inclusive)').fill('2020-01-31');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => kpi(page, 'Conversations').textContent()).toBe('0');
    expect(await page.locator('#chart-reasons').textContent()).toBe('No data in this period.');
    expect(page.url()).toMatch(/from=2020-01-01&to=2020-01-31/);
    expect(await page.locator('#period').textContent()).toMatch(/2020-01-01 – 2020-01-31/);
    // A start after the end is refused with a message.
    await page.getByLabel('From').fill('2020-02-10');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'start date' }).count()).toBe(1);
    // A quick period brings today's activity back.
    await page.getByRole('button', { name: 'Last 7 days' }).click();
    await expect.poll(() => kpi(page, 'Conversations').textContent()).toBe('4');
    expect(await page.locator('#range-error').textContent()).toBe('');
    // One language only: the two Chinese conversations.
    await page.getByLabel('Language').selectOption('zh');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => kpi(page, 'Conversations').textContent()).toBe('2');
    expect(page.url()).toMatch(/locale=zh/);
    expect(errors).toEqual([]);
  });

  it('shows the dashboard in Chinese', async () => {
    const { page, errors } = await openPage(env.browser);
    await signIn(page, env.product.url, '/zh/admin', env.product.tokens.admin);
    await expect.poll(() => kpi(page, '会话数').textContent()).toBe('4');
    await expect.poll(() => kpi(page, '语义重排序').textContent()).toBe('未开启');
    expect(await chartLabel(page, 'reasons')).toMatch(/^转人工原因：.*要求转人工 1/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('服务数据看板');
    await screenshots(page, 'admin-dashboard-zh');
    expect(errors).toEqual([]);
  });

  it('creates an editor token that works until it is deactivated', async () => {
    const adminContext = await env.browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const { page, errors } = await openPage(adminContext);
    await signIn(page, env.product.url, '/en/admin/staff', env.product.tokens.admin);
    await expect.poll(() => page.locator('#staff-list tbody tr').count()).toBe(3);
    // The admin's own account cannot be deactivated from here.
    expect(await page.getByRole('button', { name: 'Deactivate Admin Wang' }).isDisabled()).toBe(true);
    await checkAccessibility(page);

    await page.getByLabel('Name').fill('Li Wei');
    await page.getByLabel('Email (optional)').fill('li.wei@example.com');
    await page.getByLabel('Role').selectOption('editor');
    await page.getByRole('button', { name: 'Create and show the token' }).click();
    const tokenBox = page.getByLabel('New API token');
    await expect.poll(() => tokenBox.inputValue()).toMatch(/^ehd_/);
    const token = await tokenBox.inputValue();
    expect(await page.locator('#new-token').textContent()).toMatch(/Token for Li Wei.*shown only now/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('new-token');
    await expect.poll(() => page.locator('#staff-list tbody tr').count()).toBe(4);
    await page.getByRole('button', { name: 'Copy' }).click();
    await expect.poll(() => page.locator('#toast').textContent()).toBe('Token copied to the clipboard.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    await screenshots(page, 'admin-staff-token');
    await page.getByRole('button', { name: 'I have stored it' }).click();
    expect(await page.locator('#new-token').isHidden()).toBe(true);
    expect(await tokenBox.count()).toBe(0);

    // Li Wei signs in with it elsewhere.
    const other = await env.browser.newContext();
    const editor = await openPage(other);
    await signIn(editor.page, env.product.url, '/en/editor', token);
    await expect.poll(() => editor.page.locator('#who').textContent()).toBe('Li Wei · editor');

    // Deactivated: the token stops working.
    await page.getByRole('button', { name: 'Deactivate Li Wei' }).click();
    const liRow = page.locator('#staff-list tbody tr').filter({ hasText: 'Li Wei' });
    await expect.poll(() => liRow.locator('.badge').textContent()).toBe('Deactivated');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Reactivate Li Wei');
    await screenshots(page, 'admin-staff');
    await editor.page.reload();
    await expect.poll(() => editor.page.locator('#sign-in').isVisible()).toBe(true);
    expect(await editor.page.locator('#main').isHidden()).toBe(true);
    await signIn(editor.page, env.product.url, '/en/editor', token);
    await expect.poll(() => editor.page.locator('#sign-in-error').textContent()).toMatch(/not accepted/);
    expect(await editor.page.locator('#main').isHidden()).toBe(true);

    // Reactivated: it works again.
    await page.getByRole('button', { name: 'Reactivate Li Wei' }).click();
    await expect.poll(() => liRow.locator('.badge').textContent()).toBe('Active');
    await signIn(editor.page, env.product.url, '/en/editor', token);
    await expect.poll(() => editor.page.locator('#who').textContent()).toBe('Li Wei · editor');
    await other.close();
    await adminContext.close();
    expect(errors).toEqual([]);
  });
});
