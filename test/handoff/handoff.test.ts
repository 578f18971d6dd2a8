import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { followUps, handoffs } from '../../src/db/schema/index.js';
import { createBotApp } from '../bot/fixtures.js';
import { createStaffToken, problemOf } from '../helpers.js';

async function setup() {
  const t = await createBotApp();
  const alice = await createStaffToken(t.deps, 'agent', 'Alice');
  const bob = await createStaffToken(t.deps, 'agent', 'Bob');
  const c = await t.start({ locale: 'zh', customer: { name: '王女士', phone: '13800138000', email: 'wang@example.com' }, page_url: 'https://shop.example/orders' });
  await t.say(c, '退款多久能到账？');
  await t.say(c, '我的快递一直没送到，太差了，我要投诉！');
  const queue = await (await t.request('/api/queue', { token: alice.token })).json();
  return { ...t, alice, bob, c, handoff: queue.items[0] };
}

describe('handoff packet and queue', () => {
  it('opens a handoff with the full context packet in the same step as the handoff', async () => {
    const t = await setup();
    expect(t.handoff).toMatchObject({ status: 'waiting', reason: 'complaint', severity: 'medium', locale: 'zh', category: 'product_delivery' });
    // 2026-11-20 10:00 Shanghai (the test clock): first contact due 2 working hours later.
    expect(t.handoff.first_response_due).toBe('2026-11-20T04:00:00.000Z');
    expect(t.handoff.resolution_due).toBe('2026-11-23T02:00:00.000Z');
    const detail = await (await t.request(`/api/handoffs/${t.handoff.id}`, { token: t.alice.token })).json();
    const p = detail.packet;
    expect(p.summary).toContain('王女士');
    expect(p.summary).toContain('投诉');
    expect(p.customer).toEqual({ name: '王女士', email: 'wang@example.com', phone: '13800138000', external_id: null });
    expect(p.page_url).toBe('https://shop.example/orders');
    expect(p.transcript.map((m: { role: string }) => m.role)).toEqual(['customer', 'bot', 'customer', 'bot']);
    expect(p.bot_answers[0].citations[0].url).toBe('/zh/articles/when-will-i-get-my-refund');
    expect(p.bot_answers[0].confidence).toBeGreaterThan(0);
    expect(p.temperament).toBe('agitated');
  });

  it('orders the queue by severity, then first-contact due time', async () => {
    const t = await setup();
    const d = await t.start({ locale: 'en' });
    await t.say(d, 'The charger caught fire and burned my desk, I will call my lawyer');
    const queue = await (await t.request('/api/queue', { token: t.alice.token })).json();
    expect(queue.items.map((h: { severity: string }) => h.severity)).toEqual(['major', 'medium']);
    const majors = await (await t.request('/api/queue?severity=major', { token: t.alice.token })).json();
    expect(majors.items).toHaveLength(1);
  });

  it('is for staff only', async () => {
    const t = await setup();
    expect((await t.request('/api/queue')).status).toBe(401);
    expect((await t.request('/api/queue', { headers: { 'X-Conversation-Token': t.c.token } })).status).toBe(401);
    const bad = await t.request('/api/queue?severity=huge', { token: t.alice.token });
    expect((await problemOf(bad)).errors?.[0]?.path).toBe('query.severity');
  });
});

describe('claiming', () => {
  it('lets exactly one of 50 concurrent claims win', async () => {
    const t = await setup();
    const agents = await Promise.all(Array.from({ length: 50 }, (_, i) => createStaffToken(t.deps, 'agent', `Agent ${i}`)));
    const results = await Promise.all(agents.map((a) => t.request(`/api/handoffs/${t.handoff.id}/claim`, { method: 'POST', token: a.token })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const winner = agents[results.findIndex((r) => r.status === 200)]!;
    const [row] = await t.deps.db.select().from(handoffs).where(eq(handoffs.id, t.handoff.id));
    expect(row!.assigneeId).toBe(winner.staff.id);
  });

  it('keeps the case with its owner: others cannot reply, release or resolve it', async () => {
    const t = await setup();
    await t.request(`/api/handoffs/${t.handoff.id}/claim`, { method: 'POST', token: t.alice.token });
    const reply = await t.request(`/api/handoffs/${t.handoff.id}/messages`, { method: 'POST', token: t.bob.token, body: JSON.stringify({ text: 'hi' }) });
    expect(reply.status).toBe(403);
    expect((await t.request(`/api/handoffs/${t.handoff.id}/release`, { method: 'POST', token: t.bob.token })).status).toBe(403);
    const transfer = await t.request(`/api/handoffs/${t.handoff.id}/transfer`, { method: 'POST', token: t.alice.token, body: JSON.stringify({ agent_id: t.bob.staff.id, note: 'billing expert' }) });
    expect(transfer.status).toBe(200);
    expect((await transfer.json()).assignee_id).toBe(t.bob.staff.id);
    const empty = await t.request(`/api/handoffs/${t.handoff.id}/transfer`, { method: 'POST', token: t.bob.token, body: JSON.stringify({}) });
    expect((await problemOf(empty)).errors?.[0]?.path).toBe('body.agent_id');
  });
});

describe('the agent takes over', () => {
  it('replies reach the customer; internal notes never do; the bot stays silent', async () => {
    const t = await setup();
    await t.request(`/api/handoffs/${t.handoff.id}/claim`, { method: 'POST', token: t.alice.token });
    const note = await t.request(`/api/handoffs/${t.handoff.id}/messages`, { method: 'POST', token: t.alice.token, body: JSON.stringify({ text: 'Courier claim filed, ref 991', internal: true }) });
    expect(note.status).toBe(201);
    const reply = await t.request(`/api/handoffs/${t.handoff.id}/messages`, { method: 'POST', token: t.alice.token, body: JSON.stringify({ text: '王女士您好，我是客服 Alice，已为您联系快递核查。' }) });
    expect(reply.status).toBe(201);
    const transcript = await (await t.request(`/api/conversations/${t.c.id}`, { headers: { 'X-Conversation-Token': t.c.token } })).json();
    expect(transcript.status).toBe('agent');
    const texts = transcript.messages.map((m: { text: string }) => m.text);
    expect(texts.at(-1)).toContain('我是客服 Alice');
    expect(JSON.stringify(transcript)).not.toContain('Courier claim filed');
    const [row] = await t.deps.db.select().from(handoffs).where(eq(handoffs.id, t.handoff.id));
    expect(row!.firstResponseAt).not.toBeNull();
    const more = await t.say(t.c, '好的，谢谢');
    expect(more.json.reply).toBeNull();
  });

  it('resolves with a follow-up due, and a customer writing again reopens the case with its owner', async () => {
    const t = await setup();
    await t.request(`/api/handoffs/${t.handoff.id}/claim`, { method: 'POST', token: t.alice.token });
    const bad = await t.request(`/api/handoffs/${t.handoff.id}/resolve`, { method: 'POST', token: t.alice.token, body: JSON.stringify({ note: '' }) });
    expect((await problemOf(bad)).errors?.[0]?.path).toBe('body.note');
    const res = await t.request(`/api/handoffs/${t.handoff.id}/resolve`, { method: 'POST', token: t.alice.token, body: JSON.stringify({ note: 'Parcel found, delivered tomorrow', article_ids: [] }) });
    expect(res.status).toBe(200);
    expect((await res.json()).status).toBe('resolved');
    const due = await t.deps.db.select().from(followUps).where(eq(followUps.handoffId, t.handoff.id));
    expect(due).toHaveLength(1);
    await t.say(t.c, '还是没收到！');
    const [row] = await t.deps.db.select().from(handoffs).where(eq(handoffs.id, t.handoff.id));
    expect(row).toMatchObject({ status: 'claimed', assigneeId: t.alice.staff.id, reopenCount: 1 });
  });

  it('escalates to a supervisor queue with a new first-contact clock', async () => {
    const t = await setup();
    await t.request(`/api/handoffs/${t.handoff.id}/claim`, { method: 'POST', token: t.alice.token });
    t.clock.advance(3 * 3600_000);
    const res = await t.request(`/api/handoffs/${t.handoff.id}/escalate`, { method: 'POST', token: t.alice.token, body: JSON.stringify({ note: 'Customer not satisfied' }) });
    const h = await res.json();
    expect(h).toMatchObject({ status: 'waiting', queue: 'supervisor', escalation_level: 1, assignee_id: null });
    expect(h.first_response_due).toBe('2026-11-20T07:00:00.000Z');
  });

  it('the "talk to a person" button hands over at once', async () => {
    const t = await createBotApp();
    const c = await t.start({ locale: 'en' });
    const res = await t.request(`/api/conversations/${c.id}/handoff`, { method: 'POST', headers: { 'X-Conversation-Token': c.token } });
    const body = await res.json();
    expect(body.reply.handoff).toEqual({ reason: 'customer_button', severity: 'general' });
    const again = await (await t.request(`/api/conversations/${c.id}/handoff`, { method: 'POST', headers: { 'X-Conversation-Token': c.token } })).json();
    expect(again.reply).toBeNull();
  });
});

describe('context the agent also gets', () => {
  it('lists the articles the customer opened from the chat in the packet', async () => {
    const t = await createBotApp();
    const agent = await createStaffToken(t.deps, 'agent');
    const c = await t.start({ locale: 'en' });
    const { json } = await t.say(c, 'How long does a refund take?');
    const articleId = json.reply.citations[0].article_id;
    const open = (article_id: string) =>
      t.request(`/api/conversations/${c.id}/opened`, { method: 'POST', headers: { 'X-Conversation-Token': c.token }, body: JSON.stringify({ article_id }) });
    expect((await open(articleId)).status).toBe(204);
    expect((await open('nope')).status).toBe(404);
    await t.say(c, 'talk to a human');
    const queue = await (await t.request('/api/queue', { token: agent.token })).json();
    const detail = await (await t.request(`/api/handoffs/${queue.items[0].id}`, { token: agent.token })).json();
    expect(detail.packet.articles_opened.map((a: { article_id: string }) => a.article_id)).toEqual([articleId]);
  });

  it('an agent can hand the conversation back to the bot', async () => {
    const t = await setup();
    await t.request(`/api/handoffs/${t.handoff.id}/claim`, { method: 'POST', token: t.alice.token });
    const res = await t.request(`/api/handoffs/${t.handoff.id}/resolve`, { method: 'POST', token: t.alice.token, body: JSON.stringify({ note: 'Explained; back to the assistant', return_to_bot: true }) });
    expect(res.status).toBe(200);
    const next = await t.say(t.c, '怎么开发票？');
    expect(next.json.reply?.decision).toBe('answer');
  });
});
