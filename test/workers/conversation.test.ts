/** In workerd over D1: a bot conversation with a cited answer read live over SSE, then a handoff that two agents race to claim. */
import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { handoffs, searchLog } from '../../src/db/schema/index.js';
import { readEvents } from '../sse.js';
import { call, db, importSampleKnowledge, problemOf, staffToken } from './helpers.js';

type Conversation = { id: string; token: string };

async function start(locale: string): Promise<Conversation> {
  const res = await call('/api/conversations', { method: 'POST', body: JSON.stringify({ locale }) });
  expect(res.status).toBe(201);
  return (await res.json()) as Conversation;
}

async function say(c: Conversation, text: string) {
  const res = await call(`/api/conversations/${c.id}/messages`, { method: 'POST', headers: { 'X-Conversation-Token': c.token }, body: JSON.stringify({ text }) });
  expect(res.status).toBe(201);
  return (await res.json()) as { reply: { decision: string; text: string; citations: Array<{ url: string }>; handoff?: { reason: string } } };
}

beforeAll(async () => {
  await importSampleKnowledge();
});

describe('the bot in workerd', () => {
  it('runs in workerd, not Node', () => {
    expect(navigator.userAgent).toBe('Cloudflare-Workers');
    expect(env.DB).toBeDefined();
  });

  it('answers with a citation, streams the turn over SSE, and logs the search in the background (waitUntil)', async () => {
    const c = await start('zh');
    const stream = await call(`/api/conversations/${c.id}/events?token=${c.token}`);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reading = readEvents(stream, (ev) => ev.filter((e) => e.event === 'message').length >= 2);
    const { reply } = await say(c, '退款多久能到账？');
    expect(reply.decision).toBe('answer');
    expect(reply.citations[0]!.url).toBe('/zh/articles/when-will-i-get-my-refund');
    const messages = (await reading).filter((e) => e.event === 'message').map((e) => JSON.parse(e.data) as { role: string });
    expect(messages.map((m) => m.role)).toEqual(['customer', 'bot']);
    await expect.poll(async () => (await db.select().from(searchLog).where(eq(searchLog.conversationId, c.id))).length).toBeGreaterThan(0);
  });

  it('hands over to a person; of two agents claiming at once exactly one wins', async () => {
    const c = await start('en');
    const { reply } = await say(c, 'I want to talk to a human please');
    expect(reply.handoff?.reason).toBe('human_request');
    const [alice, bob] = await Promise.all([staffToken('agent', 'Alice'), staffToken('agent', 'Bob')]);
    const queue = (await (await call('/api/queue', { token: alice.token })).json()) as { items: Array<{ id: string; status: string }> };
    const handoff = queue.items.find((h) => h.status === 'waiting')!;
    const [a, b] = await Promise.all([alice, bob].map((agent) => call(`/api/handoffs/${handoff.id}/claim`, { method: 'POST', token: agent.token })));
    expect([a!.status, b!.status].sort()).toEqual([200, 409]);
    expect((await problemOf(a!.status === 409 ? a! : b!)).type).toBe('/problems/conflict');
    const winner = a!.status === 200 ? alice : bob;
    const [row] = await db.select().from(handoffs).where(eq(handoffs.id, handoff.id));
    expect(row).toMatchObject({ status: 'claimed', assigneeId: winner.staff.id });
  });

  it('lets exactly one of 20 concurrent claims win', async () => {
    const c = await start('zh');
    await say(c, '转人工');
    const agents = await Promise.all(Array.from({ length: 20 }, (_, i) => staffToken('agent', `Agent ${i}`)));
    const [row] = await db.select().from(handoffs).where(eq(handoffs.conversationId, c.id));
    const results = await Promise.all(agents.map((a) => call(`/api/handoffs/${row!.id}/claim`, { method: 'POST', token: a.token })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
  });
});
