// The customer chat widget in a real browser: on the help center in Chinese and English (cited
// answer, clarifying choices, resume after reload, handoff with an honest wait, the agent's reply
// arriving live, callback when nobody works, rating), and embedded with one tag on another site.
import { FakeListChatModel } from '@langchain/core/utils/testing';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshots, startProduct, VIEWPORTS, type Product } from './harness.js';
import { agentDesk, ALWAYS_OPEN, ask, closedToday, shanghaiTime, startHostSite, storedConversation, widget } from './widget.helpers.js';

describe('chat widget in a real browser', { timeout: 60_000 }, () => {
  let product: Product;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const newContext = async (locale: string) => {
    const context = await browser.newContext({ locale, timezoneId: 'Asia/Shanghai', viewport: VIEWPORTS.desktop });
    contexts.push(context);
    return openPage(context);
  };
  beforeAll(async () => {
    product = await startProduct();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await product?.close();
  });

  it('zh: asks, gets a cited answer, picks a clarifying choice, resumes after reload, talks to a person live and rates', async () => {
    product.deps.config.serviceCalendar = ALWAYS_OPEN;
    const { page, errors } = await newContext('zh-CN');
    const w = widget(page);
    await page.goto(`${product.url}/zh`);
    const launcher = w.host.getByRole('button', { name: /在线客服/ });
    await expect.poll(() => launcher.isVisible()).toBe(true);
    expect(await w.panel.isVisible()).toBe(false);
    await screenshots(page, 'widget-closed-zh');

    // Keyboard: focus moves into the panel, Esc closes it and gives focus back to the button.
    await launcher.click();
    await expect.poll(() => w.panel.isVisible()).toBe(true);
    expect(await w.panel.getAttribute('aria-labelledby')).toBeTruthy();
    await expect.poll(() => w.focusedId()).toBe('ehd-input');
    await page.keyboard.press('Escape');
    await expect.poll(() => w.panel.isVisible()).toBe(false);
    await expect.poll(() => w.focusedText()).toMatch(/在线客服/);
    await page.keyboard.press('Enter');
    await expect.poll(() => w.panel.isVisible()).toBe(true);
    expect(await w.log.textContent()).toMatch(/您好！我是智能助手/);
    await screenshots(page, 'widget-open-zh');

    // A question from the knowledge base: answered, cited, the link opens the article in a new tab.
    const answer = await ask(page, '退款多久到账');
    expect(await answer.locator('.bubble').textContent()).toMatch(/退款/);
    const cite = answer.getByRole('link', { name: /退款多久能到账/ });
    expect(await cite.getAttribute('href')).toBe(`${product.url}/zh/articles/when-will-i-get-my-refund`);
    expect(await cite.getAttribute('target')).toBe('_blank');
    expect(await answer.getByRole('group', { name: '这个回答解决您的问题了吗？' }).getByRole('button').allTextContents()).toEqual(['解决了', '没解决']);
    await screenshots(page, 'widget-answer-zh');

    // An ambiguous question: choices as buttons; one click sends it and gets that article.
    const clarify = await ask(page, '退货');
    const choices = clarify.getByRole('group', { name: '请选择最接近的问题' }).getByRole('button');
    expect(await choices.count()).toBeGreaterThanOrEqual(2);
    const picked = (await choices.first().textContent())!.trim();
    const before = await w.botMessages.count();
    await choices.first().click();
    await expect.poll(() => w.botMessages.count()).toBe(before + 1);
    expect(await w.host.locator('.msg.customer').last().textContent()).toContain(picked);
    expect(await w.botMessages.last().getByRole('link').first().textContent()).toContain(picked);
    await screenshots(page, 'widget-clarify-zh');
    await w.botMessages.last().getByRole('button', { name: '解决了' }).click();
    await expect.poll(() => w.botMessages.last().textContent()).toMatch(/感谢您的反馈/);

    // A reload resumes the same conversation, panel open.
    const conversation = await storedConversation(page, product.url);
    const shown = await w.host.locator('.msg[data-id]').count();
    await page.reload();
    await expect.poll(() => w.host.locator('.msg[data-id]').count()).toBe(shown);
    expect(await w.panel.isVisible()).toBe(true);
    expect((await storedConversation(page, product.url)).id).toBe(conversation.id);

    // Asking for a person: the handoff status with the first-contact time the API promises.
    const handoffReply = await ask(page, '转人工');
    expect(await handoffReply.textContent()).toMatch(/转接人工客服/);
    const view = await (await fetch(`${product.url}/api/conversations/${conversation.id}`, { headers: { 'X-Conversation-Token': conversation.token } })).json();
    await expect.poll(() => w.status.textContent()).toMatch(/正在为您转接人工客服/);
    expect(await w.status.textContent()).toContain(shanghaiTime(view.handoff.first_response_due));
    expect(await w.host.getByRole('button', { name: '转人工' }).isVisible()).toBe(false);
    await screenshots(page, 'widget-handoff-zh');

    // The agent claims and replies through the API: the reply appears live, no reload.
    const desk = agentDesk(product);
    const handoffId = await desk.handoffOf(conversation.id);
    await desk.claim(handoffId);
    await desk.reply(handoffId, '您好，我是客服小王。您的退款已原路退回，请留意银行卡到账通知。');
    await expect.poll(() => w.agentMessages.last().textContent(), { timeout: 10_000 }).toMatch(/我是客服小王/);
    await expect.poll(() => w.status.textContent()).toMatch(/Agent Wang 正在为您服务/);
    await screenshots(page, 'widget-agent-zh');

    // Resolved: the customer rates it.
    await desk.resolve(handoffId);
    const rating = w.host.getByRole('group', { name: '请为本次服务打分' });
    await expect.poll(() => rating.isVisible(), { timeout: 10_000 }).toBe(true);
    await rating.getByRole('radio', { name: /5 星/ }).check();
    await rating.getByLabel('意见或建议（选填）').fill('很及时，谢谢');
    await screenshots(page, 'widget-rating-zh');
    await rating.getByRole('button', { name: '提交评价' }).click();
    await expect.poll(() => w.log.textContent()).toMatch(/感谢您的评价/);
    expect(await desk.rating(handoffId)).toEqual({ rating: 5, comment: '很及时，谢谢' });
    expect(errors).toEqual([]);
  });

  it('en: the "talk to a person" button when nobody works: offline wait, callback form, live reply, rating', async () => {
    product.deps.config.serviceCalendar = closedToday();
    const { page, errors } = await newContext('en-US');
    const w = widget(page);
    await page.goto(`${product.url}/en`);
    await w.host.getByRole('button', { name: /Chat with us/ }).click();
    await expect.poll(() => w.focusedId()).toBe('ehd-input');
    await screenshots(page, 'widget-open-en');

    const answer = await ask(page, 'how long does a refund take');
    const cite = answer.getByRole('link', { name: /When will I get my refund/ });
    expect(await cite.getAttribute('href')).toBe(`${product.url}/en/articles/when-will-i-get-my-refund`);
    await screenshots(page, 'widget-answer-en');
    await answer.getByRole('group', { name: 'Did this solve it?' }).getByRole('button', { name: 'No' }).click();
    await expect.poll(() => answer.textContent()).toMatch(/Sorry that didn't help/);
    const clarify = await ask(page, 'invoice');
    expect(await clarify.getByRole('group', { name: 'Pick the closest question' }).getByRole('button').count()).toBeGreaterThanOrEqual(2);

    await w.host.getByRole('button', { name: 'Talk to a person' }).click();
    await expect.poll(() => w.status.textContent()).toMatch(/Our team is offline right now\. They are back .* and will contact you by/);
    const conversation = await storedConversation(page, product.url);
    const view = await (await fetch(`${product.url}/api/conversations/${conversation.id}`, { headers: { 'X-Conversation-Token': conversation.token } })).json();
    expect(await w.status.textContent()).toContain(shanghaiTime(view.handoff.first_response_due));

    // Nobody works now, so the callback form is already offered.
    const callback = w.host.getByRole('group', { name: 'Ask for a call back' });
    await expect.poll(() => callback.isVisible()).toBe(true);
    await callback.getByLabel('Phone number').fill('call me');
    await callback.getByRole('button', { name: 'Request the call' }).click();
    await expect.poll(() => callback.getByRole('alert').textContent()).toMatch(/valid phone number/);
    await callback.getByLabel('Phone number').fill('+86 138 0013 8000');
    await screenshots(page, 'widget-handoff-en');
    await callback.getByRole('button', { name: 'Request the call' }).click();
    await expect.poll(() => callback.textContent()).toMatch(/We will call you by/);
    const callbacks = await (await fetch(`${product.url}/api/callbacks`, { headers: { Authorization: `Bearer ${product.tokens.agent}` } })).json();
    expect(callbacks.items.some((c: { phone: string; conversation_id?: string }) => c.phone === '+86 138 0013 8000')).toBe(true);

    // Closed panel: the agent's reply raises an unread badge on the button.
    await page.keyboard.press('Escape');
    const desk = agentDesk(product);
    const handoffId = await desk.handoffOf(conversation.id);
    await desk.claim(handoffId);
    await desk.reply(handoffId, 'Hello, this is Agent Wang. Your refund went out today.');
    const launcher = w.host.getByRole('button', { name: /Chat with us\s*\(1 new message\)/ });
    await expect.poll(() => launcher.isVisible(), { timeout: 10_000 }).toBe(true);
    await launcher.click();
    expect(await w.agentMessages.last().textContent()).toMatch(/Your refund went out today/);

    await desk.resolve(handoffId);
    const rating = w.host.getByRole('group', { name: 'How satisfied are you with the help you got?' });
    await expect.poll(() => rating.isVisible(), { timeout: 10_000 }).toBe(true);
    await rating.getByRole('button', { name: 'Send rating' }).click();
    await expect.poll(() => rating.getByRole('alert').textContent()).toMatch(/choose a rating/);
    await rating.getByRole('radio', { name: /4 stars/ }).check();
    await screenshots(page, 'widget-rating-en');
    await rating.getByRole('button', { name: 'Send rating' }).click();
    await expect.poll(() => w.log.textContent()).toMatch(/Thank you for your rating/);
    expect((await desk.rating(handoffId))?.rating).toBe(4);
    expect(errors).toEqual([]);
  });

  it('shows streamed LLM tokens provisionally, then the stored answer in their place', async () => {
    product.deps.config.serviceCalendar = ALWAYS_OPEN;
    product.deps.chatModel = new FakeListChatModel({ responses: ['Refunds reach your card within 1–5 business days after inspection [1].'], sleep: 40 });
    try {
      const { page, errors } = await newContext('en-US');
      const w = widget(page);
      await page.goto(`${product.url}/en`);
      await w.host.getByRole('button', { name: /Chat with us/ }).click();
      await w.input.fill('how long does a refund take');
      await w.input.press('Enter');
      const provisional = w.host.locator('.msg.provisional .bubble');
      await expect.poll(() => provisional.first().textContent(), { timeout: 10_000 }).toMatch(/^Refunds reach/);
      expect(await provisional.first().textContent()).not.toContain('[1].');
      await expect.poll(() => w.botMessages.last().textContent(), { timeout: 10_000 }).toContain('within 1–5 business days after inspection [1].');
      expect(await provisional.count()).toBe(0);
      expect(await w.botMessages.last().getByRole('link').first().getAttribute('href')).toBe(`${product.url}/en/articles/when-will-i-get-my-refund`);
      expect(errors).toEqual([]);
    } finally {
      product.deps.chatModel = undefined;
    }
  });

  it('is a full-screen panel at mobile width', async () => {
    const { page, errors } = await newContext('en-US');
    await page.setViewportSize(VIEWPORTS.mobile);
    const w = widget(page);
    await page.goto(`${product.url}/en`);
    await w.host.getByRole('button', { name: /Chat with us/ }).click();
    const box = async () => {
      const b = await w.panel.boundingBox();
      return b && { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) };
    };
    await expect.poll(box).toEqual({ x: 0, y: 0, width: VIEWPORTS.mobile.width, height: VIEWPORTS.mobile.height });
    await screenshots(page, 'widget-mobile-open');
    await w.host.getByRole('button', { name: 'Close the chat' }).click();
    await expect.poll(() => w.panel.isVisible()).toBe(false);
    expect(errors).toEqual([]);
  });

  it('works embedded with one tag on another origin, with no style leaks either way and one global', async () => {
    product.deps.config.serviceCalendar = ALWAYS_OPEN;
    const site = await startHostSite(product.url);
    try {
      const { page, errors } = await newContext('en-US');
      const w = widget(page);
      await page.goto(site.url);
      const launcher = w.host.getByRole('button', { name: /Chat with us/ });
      await expect.poll(() => launcher.isVisible()).toBe(true);
      const style = (selector: string, prop: string) =>
        page.evaluate(([s, p]) => {
          const root = document.querySelector('edge-helpdesk-widget')!.shadowRoot!;
          const el = root.querySelector(s!) ?? document.querySelector(s!);
          return el ? getComputedStyle(el).getPropertyValue(p!) : 'missing';
        }, [selector, prop]);
      // The page's rules (colour on *, green buttons, blue div borders, hiding .launcher) stay out.
      expect(await style('.launcher', 'background-color')).toBe('rgb(11, 107, 203)');
      expect(await style('.launcher', 'color')).toBe('rgb(255, 255, 255)');
      expect(await style('.launcher', 'font-size')).toBe('15px');
      expect(await style('.launcher', 'letter-spacing')).toBe('normal');
      // Our rules (box-sizing on *, button cursor) stay in: the page's elements are untouched.
      expect(await style('#host-button', 'background-color')).toBe('rgb(0, 128, 0)');
      expect(await style('#host-button', 'cursor')).toBe('default');
      expect(await style('.host-text', 'box-sizing')).toBe('content-box');
      expect(await style('.host-text', 'color')).toBe('rgb(200, 0, 0)');
      const globals = await page.evaluate(() => {
        const before = (window as unknown as { __globalsBefore: string[] }).__globalsBefore;
        return Object.keys(window).filter((k) => !before.includes(k) && k !== '__globalsBefore');
      });
      expect(globals).toEqual(['EdgeHelpdeskWidget']);
      await screenshots(page, 'widget-embedded-closed');

      await launcher.click();
      await expect.poll(() => w.panel.isVisible()).toBe(true);
      expect(await style('.panel', 'border-top-color')).not.toBe('rgb(0, 0, 255)');
      const answer = await ask(page, 'how long does a refund take');
      expect(await answer.getByRole('link').first().getAttribute('href')).toBe(`${product.url}/en/articles/when-will-i-get-my-refund`);
      await w.host.getByRole('button', { name: 'Talk to a person' }).click();
      await expect.poll(() => w.status.textContent()).toMatch(/You're in the queue: a person will reply here by/);
      const conversation = await storedConversation(page, product.url);
      const desk = agentDesk(product);
      const handoffId = await desk.handoffOf(conversation.id);
      await desk.claim(handoffId);
      await desk.reply(handoffId, 'Hi from the support team, across origins.');
      await expect.poll(() => w.agentMessages.last().textContent(), { timeout: 10_000 }).toMatch(/across origins/);
      await screenshots(page, 'widget-embedded-open');
      expect(errors).toEqual([]);
    } finally {
      await site.close();
    }
  });
});
