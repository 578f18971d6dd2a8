import { describe, expect, it } from 'vitest';
import { createBotApp } from '../bot/fixtures.js';
import { createStaffToken, problemOf } from '../helpers.js';
import { readEvents } from '../sse.js';

describe('the whole story', () => {
  it('chat → handoff with packet → agent notified live → claim (a rival loses) → reply seen live → resolve → rating → follow-up → metrics', async () => {
    const t = await createBotApp();
    const alice = await createStaffToken(t.deps, 'agent', 'Alice');
    const bob = await createStaffToken(t.deps, 'agent', 'Bob');
    const admin = await createStaffToken(t.deps, 'admin', 'Supervisor');

    // An agent watches the queue.
    const queueStream = await t.request('/api/queue/events', { token: alice.token });
    expect(queueStream.status).toBe(200);
    const queueEvents = readEvents(queueStream, (ev) => ev.some((e) => e.event === 'handoff.created'));

    // The customer chats, then asks for a person.
    const c = await t.start({ locale: 'en', customer: { name: 'Ann Lee', email: 'ann@example.com' } });
    const answer = await t.say(c, 'How long does a refund take?');
    expect(answer.json.reply.decision).toBe('answer');
    const handoff = await t.say(c, 'I want to talk to a human please');
    expect(handoff.json.reply.handoff).toEqual({ reason: 'human_request', severity: 'general' });

    const created = (await queueEvents).find((e) => e.event === 'handoff.created');
    expect(created).toBeTruthy();
    const handoffId = JSON.parse(created!.data).handoff_id as string;
    const detail = await (await t.request(`/api/handoffs/${handoffId}`, { token: alice.token })).json();
    expect(detail.packet.bot_answers[0].citations[0].url).toBe('/en/articles/when-will-i-get-my-refund');
    expect(detail.packet.summary).toContain('Ann Lee');

    // Two agents claim at once: one wins.
    const [a, b] = await Promise.all([
      t.request(`/api/handoffs/${handoffId}/claim`, { method: 'POST', token: alice.token }),
      t.request(`/api/handoffs/${handoffId}/claim`, { method: 'POST', token: bob.token }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const owner = a.status === 200 ? alice : bob;
    expect((await problemOf(a.status === 409 ? a : b)).type).toBe('/problems/conflict');

    // The customer is watching their conversation; the agent's reply arrives live.
    const customerStream = await t.request(`/api/conversations/${c.id}/events?token=${c.token}`);
    const customerEvents = readEvents(customerStream, (ev) => ev.some((e) => e.event === 'message' && JSON.parse(e.data).role === 'agent'));
    await new Promise((r) => setTimeout(r, 50));
    const reply = await t.request(`/api/handoffs/${handoffId}/messages`, { method: 'POST', token: owner.token, body: JSON.stringify({ text: 'Hi Ann, I have checked your refund: it was sent today.' }) });
    expect(reply.status).toBe(201);
    const seen = (await customerEvents).filter((e) => e.event === 'message').map((e) => JSON.parse(e.data));
    expect(seen.at(-1)).toMatchObject({ role: 'agent', text: 'Hi Ann, I have checked your refund: it was sent today.' });

    // Resolve, rate, follow up.
    const resolved = await t.request(`/api/handoffs/${handoffId}/resolve`, { method: 'POST', token: owner.token, body: JSON.stringify({ note: 'Refund confirmed sent', article_ids: [detail.packet.bot_answers[0].citations[0].article_id] }) });
    expect(resolved.status).toBe(200);
    const after = await (await t.request(`/api/conversations/${c.id}`, { headers: { 'X-Conversation-Token': c.token } })).json();
    expect(after.messages.at(-1)).toMatchObject({ role: 'system' });
    expect(after.messages.at(-1).text).toMatch(/Rate it 1–5/);
    const rate = (body: unknown) => t.request(`/api/conversations/${c.id}/rating`, { method: 'POST', headers: { 'X-Conversation-Token': c.token }, body: JSON.stringify(body) });
    expect((await problemOf(await rate({ rating: 6 }))).errors?.[0]?.path).toBe('body.rating');
    expect((await rate({ rating: 5, comment: 'Quick and kind' })).status).toBe(200);
    const followUps = await (await t.request('/api/follow-ups', { token: owner.token })).json();
    expect(followUps.items).toHaveLength(1);
    expect(followUps.items[0]).toMatchObject({ handoff_id: handoffId, overdue: false, outcome: null });
    const done = await t.request(`/api/follow-ups/${followUps.items[0].id}`, { method: 'POST', token: owner.token, body: JSON.stringify({ outcome: 'satisfied', note: 'Called, all good' }) });
    expect((await done.json()).outcome).toBe('satisfied');

    // Metrics (admin only).
    expect((await t.request('/api/metrics/summary', { token: alice.token })).status).toBe(403);
    const metrics = await (await t.request('/api/metrics/summary?from=2026-11-01&to=2026-12-01', { token: admin.token })).json();
    expect(metrics).toMatchObject({
      conversations: 1,
      handoffs: 1,
      bot_resolved_share: 0,
      handoffs_by_reason: { human_request: 1 },
      first_contact_resolution: 1,
      csat: { responses: 1, average: 5 },
      follow_ups: { due: 1, done: 1, satisfied: 1 },
    });
    expect(metrics.time_to_first_response_minutes.count).toBe(1);
  });

  it('takes a callback request with its own due time and lets agents close it', async () => {
    const t = await createBotApp();
    const agent = await createStaffToken(t.deps, 'agent');
    const c = await t.start({ locale: 'zh' });
    await t.say(c, '转人工');
    const bad = await t.request(`/api/conversations/${c.id}/callback`, { method: 'POST', headers: { 'X-Conversation-Token': c.token }, body: JSON.stringify({ phone: 'call me' }) });
    expect((await problemOf(bad)).errors?.[0]?.path).toBe('body.phone');
    const res = await t.request(`/api/conversations/${c.id}/callback`, {
      method: 'POST',
      headers: { 'X-Conversation-Token': c.token },
      body: JSON.stringify({ phone: '138 0013 8000', window_start: '2026-11-21T14:00:00+08:00', window_end: '2026-11-21T16:00:00+08:00' }),
    });
    expect(res.status).toBe(201);
    expect((await res.json()).due_at).toBe('2026-11-21T06:00:00.000Z');
    const list = await (await t.request('/api/callbacks', { token: agent.token })).json();
    expect(list.items[0]).toMatchObject({ phone: '138 0013 8000', status: 'open' });
    const closed = await t.request(`/api/callbacks/${list.items[0].id}`, { method: 'POST', token: agent.token, body: JSON.stringify({ status: 'done' }) });
    expect((await closed.json()).status).toBe('done');
  });
});
