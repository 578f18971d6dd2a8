/**
 * The agent console in a real browser: a customer's handoff appears live in the queue, the agent
 * opens it, claims, searches the knowledge panel (internal articles marked), inserts a link,
 * replies and notes, sees the customer's next message live, resolves, then records the follow-up
 * and a callback. Errors from the API are shown in plain words.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createStaff } from '../../src/features/auth/auth.service.js';
import { openPage, screenshots, signIn, useProduct } from './harness.js';

type Customer = { id: string; token: string };

describe('agent console in a real browser', () => {
  const env = useProduct();

  const call = async (path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
    const res = await fetch(`${env.product.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: res.status, json: await res.json() };
  };
  const customer = async (locale: 'zh' | 'en', body: Record<string, unknown> = {}): Promise<Customer> =>
    (await call('/api/conversations', { method: 'POST', body: { locale, ...body } })).json;
  const say = (c: Customer, text: string) => call(`/api/conversations/${c.id}/messages`, { method: 'POST', headers: { 'X-Conversation-Token': c.token }, body: { text } });
  const transcript = async (c: Customer) => (await call(`/api/conversations/${c.id}`, { headers: { 'X-Conversation-Token': c.token } })).json.messages as Array<{ role: string; text: string }>;
  const text = (page: Page, selector: string) => page.locator(selector).innerText();

  it('sees a handoff arrive live, claims it, uses the knowledge panel, replies and resolves', async () => {
    const { page, errors } = await openPage(env.browser);
    await signIn(page, env.product.url, '/zh/agent', env.product.tokens.agent);
    await expect.poll(() => text(page, '#queue-count')).toMatch(/没有|共/);
    await expect.poll(() => text(page, '#live-state')).toBe('实时更新中');
    await page.evaluate(() => Object.assign(window, { notReloaded: true }));

    // A customer asks the bot, then for a person.
    const c = await customer('zh', { customer: { name: '王女士', phone: '13800138000', email: 'wang@example.com' } });
    await say(c, '退款多久能到账？');
    const handoff = await say(c, '转人工');
    expect(handoff.json.reply.handoff).toMatchObject({ reason: 'human_request' });

    // It appears without a reload, announced politely.
    const link = page.locator('.case-link', { hasText: '王女士' });
    await link.waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await expect.poll(() => text(page, '#arrivals')).toMatch(/新工单：.*王女士/);
    expect(await page.locator('#arrivals').getAttribute('aria-live')).toBe('polite');
    // Complaints of other severities arrive too: most urgent first, each colour also said in words.
    const fire = await customer('en', { customer: { name: 'Tom Baker' } });
    await say(fire, 'The charger caught fire and burned my desk, I will call my lawyer');
    const late = await customer('zh', { customer: { name: '李先生' } });
    await say(late, '我的快递一直没送到，太差了，我要投诉！');
    await expect.poll(() => page.locator('.case').count()).toBe(3);
    expect(await page.locator('.case .badge:first-child').allInnerTexts()).toEqual(['重大', '中级', '一般']);
    expect(await page.locator('.case.sev-major .case-link').innerText()).toMatch(/Tom Baker/);
    await expect.poll(() => text(page, '#arrivals')).toMatch(/新工单：.*(Tom Baker|李先生)/);
    const card = page.locator('.case', { has: link });
    expect(await card.innerText()).toMatch(/一般[\s\S]*待认领[\s\S]*未认领[\s\S]*要求转人工/);
    // The first-contact clock counts down from the API's due time.
    const api = (await call('/api/queue', { headers: { Authorization: `Bearer ${env.product.tokens.agent}` } })).json.items.find((h: { summary: string }) => h.summary.includes('王女士'));
    const firstClock = card.locator('.clock-value').first();
    expect(await firstClock.getAttribute('data-due')).toBe(api.first_response_due);
    expect(await firstClock.innerText()).toMatch(/^还剩 ((\d+天)?\d+小时(\d{2}分)?|\d+分\d{2}秒)$/);
    await screenshots(page, 'agent-queue-zh');

    await page.goto(`${env.product.url}/en/agent`);
    await page.locator('.case-link').first().waitFor();
    expect(await page.locator('.case', { hasText: '王女士' }).innerText()).toMatch(/General[\s\S]*Waiting[\s\S]*Unclaimed[\s\S]*Asked for a person[\s\S]*First contact due in/);
    await screenshots(page, 'agent-queue-en');
    await page.goto(`${env.product.url}/zh/agent`);

    // The case: summary first, then details and the transcript with the bot's citations.
    await page.locator('.case-link', { hasText: '王女士' }).click();
    await page.waitForURL(/\/zh\/agent\/handoffs\//);
    const handoffId = page.url().split('/').at(-1)!;
    await expect.poll(() => text(page, '#case-summary')).toMatch(/王女士/);
    expect(await text(page, '#case-details')).toMatch(/电话\s*13800138000/);
    expect(await text(page, '#case-details')).toMatch(/转人工原因\s*要求转人工/);
    await expect.poll(() => page.locator('#transcript .msg').count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator('#transcript .msg-bot .citations a').first().getAttribute('href')).toMatch(/^\/zh\/articles\//);
    expect(await text(page, '#composer-lock')).toBe('认领此工单后才能回复或添加备注。');
    expect(await page.locator('#message').isDisabled()).toBe(true);

    await page.getByRole('button', { name: '认领' }).click();
    await expect.poll(() => text(page, '#act-claim')).toBe('已由您认领');
    expect(await page.locator('#act-claim').isDisabled()).toBe(true);
    expect(await page.locator('#message').isDisabled()).toBe(false);

    // Knowledge panel: the agent's search includes internal solutions, marked as such.
    await page.getByLabel('搜索文章').fill('退款没到账');
    await page.getByLabel('搜索文章').press('Enter');
    await page.locator('.kb-hit').first().waitFor();
    const internal = page.locator('.kb-hit.is-internal').first();
    expect(await internal.locator('.badge').innerText()).toBe('内部');
    expect(await internal.innerText()).toMatch(/客户无法打开/);
    expect(await internal.getByRole('button', { name: '插入链接' }).count()).toBe(0);
    await internal.getByRole('button', { name: '阅读' }).click();
    await expect.poll(() => internal.locator('.kb-article').innerText()).toMatch(/\S{20}/);
    const publicHit = page.locator('.kb-hit:not(.is-internal)').first();
    const publicHref = await publicHit.locator('.kb-head a').getAttribute('href');
    await page.locator('#message').fill('您好王女士，退款进度请看：');
    await publicHit.getByRole('button', { name: '插入链接' }).click();
    expect(await page.locator('#message').inputValue()).toContain(`${env.product.url}${publicHref}`);
    await page.getByRole('button', { name: '发送回复' }).click();
    await expect.poll(() => page.locator('#transcript .msg-agent').count()).toBe(1);

    // An internal note looks different and never reaches the customer.
    await page.getByLabel('内部备注（仅客服可见）').check();
    expect(await page.locator('#send').innerText()).toBe('添加备注');
    await page.locator('#message').fill('客户很着急，优先处理');
    await page.locator('#send').click();
    await expect.poll(() => page.locator('#transcript .msg-note').count()).toBe(1);
    expect(await page.locator('#transcript .msg-note').innerText()).toMatch(/内部备注[\s\S]*客户很着急/);
    const seen = await transcript(c);
    expect(seen.some((m) => m.role === 'agent' && m.text.includes(`${env.product.url}${publicHref}`))).toBe(true);
    expect(seen.some((m) => m.text.includes('客户很着急'))).toBe(false);

    // The customer writes again: it appears live.
    await say(c, '好的，谢谢，我看一下');
    await expect.poll(() => page.locator('#transcript .msg-customer').last().innerText(), { timeout: 10_000 }).toMatch(/我看一下/);
    expect(await page.locator('#message-news').textContent()).toMatch(/客户发来新消息/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshots(page, 'agent-case-zh');

    // Resolve with a note; the inserted article is pre-checked as used.
    await page.getByRole('button', { name: '标记解决……' }).click();
    await page.getByLabel('处理结果（必填）').fill('已告知退款进度');
    expect(await page.locator('.articles-used input:checked').count()).toBe(1);
    await page.locator('.action-form').getByRole('button', { name: '标记解决' }).click();
    await expect.poll(() => text(page, '#case-badges')).toMatch(/已解决/);
    expect(await text(page, '#composer-lock')).toBe('此工单已解决。');
    const after = await call(`/api/handoffs/${handoffId}`, { headers: { Authorization: `Bearer ${env.product.tokens.agent}` } });
    expect(after.json.status).toBe('resolved');

    // The follow-up (回访) owed on it, and a callback request.
    const d = await customer('zh');
    await say(d, '转人工');
    expect((await call(`/api/conversations/${d.id}/callback`, { method: 'POST', headers: { 'X-Conversation-Token': d.token }, body: { phone: '139 0000 1111' } })).status).toBe(201);
    await page.goto(`${env.product.url}/zh/agent/follow-ups`);
    const followUp = page.locator('#follow-ups .task').first();
    await followUp.waitFor();
    expect(await followUp.innerText()).toMatch(/到期 还剩 \d+天\d+小时[\s\S]*王女士[\s\S]*电话\s*13800138000/);
    const callback = page.locator('#callbacks .task').first();
    expect(await callback.innerText()).toMatch(/139 0000 1111[\s\S]*任何时间/);
    await screenshots(page, 'agent-follow-ups-zh');
    await followUp.getByLabel('满意', { exact: true }).check();
    await followUp.getByLabel('备注（选填）').fill('已回访，客户满意');
    await followUp.getByRole('button', { name: '记录' }).click();
    await expect.poll(() => text(page, '#follow-ups')).toBe('没有待回访的工单。');
    await callback.getByRole('button', { name: '已回拨' }).click();
    await expect.poll(() => text(page, '#callbacks')).toBe('没有回拨请求。');
    await page.getByLabel('显示已完成').check();
    await expect.poll(() => text(page, '#follow-ups')).toMatch(/满意 · 已回访，客户满意/);
    expect(errors).toEqual([]);
  });

  it('says in plain words when someone else claimed the case first, and shows who has it', async () => {
    const c = await customer('en', { customer: { name: 'Ann Lee' } });
    await say(c, 'I want to talk to a human please');
    const rival = await createStaff(env.product.deps, { name: 'Bob Chen', role: 'agent' }, null);
    const { page, errors } = await openPage(env.browser);
    await page.clock.install();
    // The page's live stream is cut, so it cannot learn of the claim before the agent clicks.
    await page.route('**/events*', (route) => route.abort());
    await signIn(page, env.product.url, '/en/agent', env.product.tokens.agent);
    await page.locator('.case-link', { hasText: 'Ann Lee' }).click();
    await expect.poll(() => text(page, '#act-claim')).toBe('Claim');
    const queue = await call('/api/queue?status=waiting', { headers: { Authorization: `Bearer ${rival.token}` } });
    const id = queue.json.items.find((h: { summary: string }) => h.summary.includes('Ann Lee')).id as string;
    expect((await call(`/api/handoffs/${id}/claim`, { method: 'POST', headers: { Authorization: `Bearer ${rival.token}` } })).status).toBe(200);
    await page.getByRole('button', { name: 'Claim' }).click();
    await expect.poll(() => text(page, '#action-error')).toBe('Another agent claimed this case first.');
    expect(await text(page, '#act-claim')).toBe('Claimed by Bob Chen');
    expect(await page.locator('#act-claim').isDisabled()).toBe(true);
    expect(await text(page, '#composer-lock')).toBe('This case belongs to Bob Chen.');
    // Time passes with no reply: the first-contact clock turns overdue, highlighted.
    const due = new Date(queue.json.items.find((h: { id: string }) => h.id === id).first_response_due).getTime();
    await page.clock.fastForward(due - Date.now() + 5 * 60_000);
    const first = page.locator('#case-clocks .clock-value').first();
    await expect.poll(() => first.innerText()).toMatch(/^overdue by [45]min \d{2}s$/);
    expect(await first.getAttribute('class')).toContain('overdue');
    await screenshots(page, 'agent-case-en');
    // The aborted event streams and the 409 are the only failures expected in the console.
    expect(errors.filter((e) => !/409|ERR_FAILED|events/.test(e))).toEqual([]);
  });

  it('filters the queue, and releases, escalates and transfers a case with the buttons', async () => {
    const c = await customer('zh', { customer: { name: '赵先生' } });
    await say(c, '转人工');
    await createStaff(env.product.deps, { name: '陈同事', role: 'agent' }, null);
    const { page, errors } = await openPage(env.browser);
    await signIn(page, env.product.url, '/zh/agent?owner=unclaimed', env.product.tokens.agent);
    expect(await page.locator('select[name=owner]').inputValue()).toBe('unclaimed');
    await page.locator('.case-link', { hasText: '赵先生' }).waitFor();
    for (const owner of await page.locator('.case .owner').allInnerTexts()) expect(owner).toBe('未认领');
    await page.locator('select[name=severity]').selectOption('major');
    await expect.poll(() => page.url()).toMatch(/\?severity=major&owner=unclaimed$/);
    await expect.poll(() => page.locator('.case-link', { hasText: '赵先生' }).count()).toBe(0);
    await page.locator('select[name=severity]').selectOption('');
    await page.locator('.case-link', { hasText: '赵先生' }).click();

    await page.getByRole('button', { name: '认领' }).click();
    await expect.poll(() => text(page, '#act-claim')).toBe('已由您认领');
    await page.getByRole('button', { name: '退回队列' }).click();
    await expect.poll(() => text(page, '#act-claim')).toBe('认领');
    expect(await text(page, '#composer-lock')).toBe('认领此工单后才能回复或添加备注。');

    await page.getByRole('button', { name: '升级……' }).click();
    await page.getByLabel('升级原因（选填）').fill('客户要求主管处理');
    await page.locator('.action-form').getByRole('button', { name: '升级给主管' }).click();
    await expect.poll(() => text(page, '#case-badges')).toMatch(/已升级 1 次/);
    expect(await text(page, '#case-details')).toMatch(/队列\s*主管队列/);

    await page.getByRole('button', { name: '认领' }).click();
    await expect.poll(() => text(page, '#act-claim')).toBe('已由您认领');
    await page.getByRole('button', { name: '转交……' }).click();
    await page.locator('#transfer-to').selectOption({ label: '陈同事' });
    await page.getByLabel('给对方的留言（选填）').fill('请跟进');
    await page.locator('.action-form').getByRole('button', { name: '转交', exact: true }).click();
    await expect.poll(() => text(page, '#composer-lock')).toBe('此工单由 陈同事 负责。');
    expect(await text(page, '#toast')).toBe('已转交给 陈同事。');
    expect(await page.locator('#act-resolve').isDisabled()).toBe(true);
    expect(await page.locator('#message').isDisabled()).toBe(true);
    expect(errors).toEqual([]);
  });
});
