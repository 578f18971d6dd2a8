/** The agent's desk API: colleagues to transfer to, and one case's live stream for its agent. */
import { describe, expect, it } from 'vitest';
import { createBotApp } from '../bot/fixtures.js';
import { createStaffToken, problemOf } from '../helpers.js';
import { readEvents } from '../sse.js';

async function setup() {
  const t = await createBotApp();
  const alice = await createStaffToken(t.deps, 'agent', 'Alice');
  const c = await t.start({ locale: 'zh', customer: { name: '王女士' } });
  await t.say(c, '转人工');
  const queue = await (await t.request('/api/queue', { token: alice.token })).json();
  return { ...t, alice, c, handoffId: queue.items[0].id as string };
}

describe('GET /api/agents', () => {
  it('lists active colleagues by name with their role, and nothing private', async () => {
    const t = await setup();
    const bob = await createStaffToken(t.deps, 'admin', 'Bob');
    const gone = await createStaffToken(t.deps, 'agent', 'Carol');
    await t.request(`/api/admin/staff/${gone.staff.id}`, { method: 'PATCH', token: bob.token, body: JSON.stringify({ active: false }) });
    const res = await t.request('/api/agents', { token: t.alice.token });
    expect(res.status).toBe(200);
    const { items } = await res.json();
    expect(items).toEqual([
      { id: t.alice.staff.id, name: 'Alice', role: 'agent' },
      { id: bob.staff.id, name: 'Bob', role: 'admin' },
    ]);
  });

  it('is for staff only', async () => {
    const t = await setup();
    const res = await t.request('/api/agents');
    expect(res.status).toBe(401);
    expect((await problemOf(res)).type).toBe('/problems/unauthorized');
  });
});

describe('GET /api/handoffs/{id}/events', () => {
  it('streams the case: its state, then every message, internal notes included, live', async () => {
    const t = await setup();
    await t.request(`/api/handoffs/${t.handoffId}/claim`, { method: 'POST', token: t.alice.token });
    const stream = await t.request(`/api/handoffs/${t.handoffId}/events`, { token: t.alice.token });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/);
    const events = readEvents(stream, (ev) => ev.some((e) => e.event === 'message' && JSON.parse(e.data).text === '我还在等'));
    await new Promise((r) => setTimeout(r, 50));
    await t.request(`/api/handoffs/${t.handoffId}/messages`, { method: 'POST', token: t.alice.token, body: JSON.stringify({ text: '客户很着急', internal: true }) });
    await t.say(t.c, '我还在等');
    const seen = await events;
    const state = seen.find((e) => e.event === 'handoff');
    expect(JSON.parse(state!.data)).toMatchObject({ id: t.handoffId, status: 'claimed', assignee_id: t.alice.staff.id });
    const messages = seen.filter((e) => e.event === 'message').map((e) => JSON.parse(e.data));
    expect(messages.map((m) => m.role)).toEqual(['customer', 'bot', 'agent', 'customer']);
    expect(messages[2]).toMatchObject({ text: '客户很着急', internal: true });
    expect(messages[3]).toMatchObject({ text: '我还在等', internal: false });
  });

  it('resumes after a message id, and announces state changes', async () => {
    const t = await setup();
    const transcript = await (await t.request(`/api/handoffs/${t.handoffId}/messages`, { token: t.alice.token })).json();
    const lastId = transcript.items.at(-1).id as string;
    const stream = await t.request(`/api/handoffs/${t.handoffId}/events?after=${lastId}`, { token: t.alice.token });
    const events = readEvents(stream, (ev) => ev.some((e) => e.event === 'handoff' && JSON.parse(e.data).status === 'claimed'));
    await new Promise((r) => setTimeout(r, 50));
    await t.request(`/api/handoffs/${t.handoffId}/claim`, { method: 'POST', token: t.alice.token });
    const seen = await events;
    expect(seen.filter((e) => e.event === 'message')).toEqual([]);
    expect(seen.filter((e) => e.event === 'handoff').map((e) => JSON.parse(e.data).status)).toEqual(['waiting', 'claimed']);
  });

  it('answers 404 for an unknown case and 401 without a staff token', async () => {
    const t = await setup();
    expect((await problemOf(await t.request('/api/handoffs/nope/events', { token: t.alice.token }))).status).toBe(404);
    expect((await t.request(`/api/handoffs/${t.handoffId}/events`, { headers: { 'X-Conversation-Token': t.c.token } })).status).toBe(401);
  });
});

describe('GET /api/follow-ups: who to call', () => {
  it('carries the customer’s name and contact details from the case', async () => {
    const t = await createBotApp();
    const alice = await createStaffToken(t.deps, 'agent', 'Alice');
    const c = await t.start({ locale: 'zh', customer: { name: '王女士', phone: '13800138000', email: 'wang@example.com' } });
    await t.say(c, '转人工');
    const [h] = (await (await t.request('/api/queue', { token: alice.token })).json()).items;
    await t.request(`/api/handoffs/${h.id}/claim`, { method: 'POST', token: alice.token });
    await t.request(`/api/handoffs/${h.id}/resolve`, { method: 'POST', token: alice.token, body: JSON.stringify({ note: '已处理' }) });
    const [f] = (await (await t.request('/api/follow-ups', { token: alice.token })).json()).items;
    expect(f.customer).toEqual({ name: '王女士', phone: '13800138000', email: 'wang@example.com' });
    const done = await t.request(`/api/follow-ups/${f.id}`, { method: 'POST', token: alice.token, body: JSON.stringify({ outcome: 'satisfied' }) });
    expect((await done.json()).customer.phone).toBe('13800138000');
  });
});

describe('GET /api/queue: a customer waiting for a reply', () => {
  it('shows since when the customer has waited, until an agent replies (notes do not count)', async () => {
    const t = await setup();
    const item = async () => (await (await t.request('/api/queue', { token: t.alice.token })).json()).items[0];
    expect((await item()).awaiting_reply_since).toBeNull();

    t.clock.advance(60_000);
    const wrote = t.clock.now().toISOString();
    await t.say(t.c, '还有人吗？');
    t.clock.advance(60_000);
    await t.say(t.c, '我很着急');
    expect((await item()).awaiting_reply_since).toBe(wrote);

    await t.request(`/api/handoffs/${t.handoffId}/claim`, { method: 'POST', token: t.alice.token });
    t.clock.advance(60_000);
    await t.request(`/api/handoffs/${t.handoffId}/messages`, { method: 'POST', token: t.alice.token, body: JSON.stringify({ text: '内部：先查物流', internal: true }) });
    expect((await item()).awaiting_reply_since).toBe(wrote);
    await t.request(`/api/handoffs/${t.handoffId}/messages`, { method: 'POST', token: t.alice.token, body: JSON.stringify({ text: '您好，我在看' }) });
    expect((await item()).awaiting_reply_since).toBeNull();
  });

  it('records the message on the case, so every queue refreshes', async () => {
    const t = await setup();
    await t.say(t.c, '还有人吗？');
    const rows = await t.deps.db.query.handoffEvents.findMany();
    expect(rows.filter((e) => e.handoffId === t.handoffId).map((e) => e.type)).toContain('customer_message');
  });
});
