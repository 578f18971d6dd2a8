// Helpers for the chat widget's browser tests: the widget's parts as a customer finds them
// (Playwright's locators reach into the widget's open shadow root), the agent's side through
// the API, and service calendars that make "agents are working" deterministic.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { handoffs } from '../../src/db/schema/index.js';
import type { ServiceCalendar } from '../../src/lib/service-calendar.js';
import type { Product } from './harness.js';

export const ALWAYS_OPEN: ServiceCalendar = { timeZone: 'Asia/Shanghai', open: 0, close: 24, workdays: [0, 1, 2, 3, 4, 5, 6], holidays: [] };

/** A calendar in which nobody works today (in Shanghai): the widget must offer a callback. */
export function closedToday(now = new Date()): ServiceCalendar {
  const weekday = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', weekday: 'short' }).format(now);
  const today = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(weekday);
  return { ...ALWAYS_OPEN, open: 9, close: 18, workdays: [0, 1, 2, 3, 4, 5, 6].filter((d) => d !== today) };
}

/** "14:05" in Shanghai: how the widget shows a time to a customer in that zone. */
export const shanghaiTime = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

export function widget(page: Page) {
  const host = page.locator('edge-helpdesk-widget');
  return {
    host,
    panel: host.getByRole('dialog'),
    log: host.getByRole('log'),
    input: host.getByRole('textbox', { name: /输入您的问题|Your message/ }),
    status: host.locator('.status [role=status]'),
    botMessages: host.locator('.msg.bot[data-id]'),
    agentMessages: host.locator('.msg.agent[data-id]'),
    /** The id of the element focused inside the widget, '' when focus is elsewhere. */
    focusedId: () => page.evaluate(() => document.querySelector('edge-helpdesk-widget')?.shadowRoot?.activeElement?.id ?? ''),
    focusedText: () => page.evaluate(() => document.querySelector('edge-helpdesk-widget')?.shadowRoot?.activeElement?.textContent ?? ''),
  };
}

/** Types a message the way a customer does and waits for the bot's reply to it. */
export async function ask(page: Page, text: string) {
  const w = widget(page);
  const before = await w.botMessages.count();
  await w.input.fill(text);
  await w.input.press('Enter');
  await expect.poll(() => w.botMessages.count(), { timeout: 10_000 }).toBeGreaterThan(before);
  return w.botMessages.last();
}

/** The conversation the widget keeps in sessionStorage: {id, token}. */
export async function storedConversation(page: Page, origin: string): Promise<{ id: string; token: string }> {
  const raw = await page.evaluate((key) => sessionStorage.getItem(key), `edge-helpdesk.chat:${origin}`);
  const stored = JSON.parse(raw ?? '{}') as { id?: string; token?: string };
  if (!stored.id || !stored.token) throw new Error('widget test: no conversation in sessionStorage');
  return { id: stored.id, token: stored.token };
}

/** The agent's side, through the API: find the conversation's handoff, claim, reply, resolve. */
export function agentDesk(product: Product) {
  const call = async (path: string, body?: unknown) => {
    const res = await fetch(`${product.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { Authorization: `Bearer ${product.tokens.agent}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.status, `${path}: ${await res.clone().text()}`).toBeLessThan(300);
    return res.json();
  };
  return {
    async handoffOf(conversationId: string): Promise<string> {
      const queue = (await call('/api/queue')) as { items: Array<{ id: string; conversation_id: string }> };
      const item = queue.items.find((h) => h.conversation_id === conversationId);
      if (!item) throw new Error(`widget test: no handoff for ${conversationId} in the queue`);
      return item.id;
    },
    claim: (id: string) => call(`/api/handoffs/${id}/claim`, {}),
    reply: (id: string, text: string) => call(`/api/handoffs/${id}/messages`, { text }),
    resolve: (id: string) => call(`/api/handoffs/${id}/resolve`, { note: 'Answered in chat', article_ids: [] }),
    async rating(id: string) {
      const [row] = await product.deps.db.select({ rating: handoffs.csatRating, comment: handoffs.csatComment }).from(handoffs).where(eq(handoffs.id, id));
      return row;
    },
  };
}

/** Another website (another origin) that embeds the widget with one tag. */
export async function startHostSite(productUrl: string): Promise<{ url: string; close: () => Promise<void> }> {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Partner shop</title>
<style>
  * { color: rgb(200, 0, 0) !important; font-family: Georgia, serif; letter-spacing: 3px; }
  button { background: rgb(0, 128, 0); font-size: 30px; border-radius: 0; }
  .launcher, .panel, [role=dialog] { display: none !important; }
  div { border: 5px solid rgb(0, 0, 255); }
  p { margin: 40px; }
</style>
<script>window.__globalsBefore = Object.keys(window);</script>
</head><body>
<h1>Partner shop</h1>
<p class="host-text">Our own page, with its own styles.</p>
<button id="host-button" type="button">Host button</button>
<script src="${productUrl}/widget.js" data-locale="en" async></script>
</body></html>`;
  const server: Server = createServer((req, res) => {
    if (req.url !== '/') {
      res.writeHead(204).end(); // favicon and the like: nothing, and no console error
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  // "localhost" vs the product's 127.0.0.1: a different host as well as a different port.
  return { url: `http://localhost:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
