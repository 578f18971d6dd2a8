import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { deliverWebhook } from '../../src/lib/webhooks.js';
import { createBotApp } from '../bot/fixtures.js';

type Received = { headers: Record<string, string | string[] | undefined>; body: string };

/** A local receiver that fails the first `failures` deliveries with 503. */
function receiver(failures = 0) {
  const received: Received[] = [];
  let seen = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen++;
      if (seen <= failures) return res.writeHead(503).end();
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  return new Promise<{ server: Server; url: string; received: Received[] }>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, received })),
  );
}

describe('webhooks', () => {
  const servers: Server[] = [];
  afterAll(() => servers.forEach((s) => s.close()));
  const secret = 'a-long-shared-secret-123';

  it('posts handoff.created and handoff.resolved, signed with HMAC-SHA256', async () => {
    const r = await receiver();
    servers.push(r.server);
    const t = await createBotApp({ config: { webhook: { url: r.url, secret, attempts: 3, backoffMs: 10 } } });
    const c = await t.start({ locale: 'en' });
    await t.say(c, 'talk to a human');
    await t.deps.background.flush();
    expect(r.received).toHaveLength(1);
    const [hook] = r.received;
    const expected = createHmac('sha256', secret).update(`${hook!.headers['x-helpdesk-timestamp']}.${hook!.body}`).digest('hex');
    expect(hook!.headers['x-helpdesk-signature']).toBe(`sha256=${expected}`);
    expect(JSON.parse(hook!.body)).toMatchObject({ event: 'handoff.created', data: { reason: 'human_request', severity: 'general' } });
  });

  it('retries with backoff on 5xx and gives up on a refusal', async () => {
    const r = await receiver(2);
    servers.push(r.server);
    const attempts = await deliverWebhook({ url: r.url, secret, attempts: 4, backoffMs: 5 }, 'handoff.resolved', { id: 'h1' });
    expect(attempts).toBe(3);
    await expect(deliverWebhook({ url: 'http://127.0.0.1:9/nowhere', secret, attempts: 2, backoffMs: 5 }, 'x', {})).rejects.toThrow(/failed/);
  });
});

describe('LLM handoff summary', () => {
  it('replaces the extractive summary in the background when a model is configured', async () => {
    const { FakeListChatModel } = await import('@langchain/core/utils/testing');
    const { handoffs } = await import('../../src/db/schema/index.js');
    const model = new FakeListChatModel({ responses: ['Tracks a refund, then asks for a person [1].', 'Ann wants her refund status; the bot cited the refund article; calm.'] });
    const t = await createBotApp({ chatModel: model });
    const c = await t.start({ locale: 'en', customer: { name: 'Ann' } });
    await t.say(c, 'How long does a refund take?');
    await t.say(c, 'talk to a human');
    await t.deps.background.flush();
    const [row] = await t.deps.db.select().from(handoffs);
    expect(row!.summary).toBe('Ann wants her refund status; the bot cited the refund article; calm.');
  });
});
