// The customer's view of their case on GET /api/conversations/{id} (what the chat widget shows:
// status, honest wait, callback when nobody works now, rating still owed), and the CORS headers
// a widget embedded on another site needs.
import { describe, expect, it } from 'vitest';
import { createBotApp } from '../bot/fixtures.js';
import { createStaffToken } from '../helpers.js';

type Bot = Awaited<ReturnType<typeof createBotApp>>;
const view = async (t: Bot, c: { id: string; token: string }) =>
  (await t.request(`/api/conversations/${c.id}`, { headers: { 'X-Conversation-Token': c.token } })).json();
const post = (t: Bot, path: string, token: string, body: unknown = {}) => t.request(path, { method: 'POST', token, body: JSON.stringify(body) });

describe('the customer’s view of their case', () => {
  it('follows the case from waiting to claimed to resolved and rated, never showing internals', async () => {
    const t = await createBotApp(); // clock: Friday 2026-11-20 10:00 in Shanghai, within service hours
    const agent = await createStaffToken(t.deps, 'agent', 'Alice Wang');
    const c = await t.start({ locale: 'en' });
    await t.say(c, 'How long does a refund take?');
    expect((await view(t, c)).handoff).toBeNull();

    await t.request(`/api/conversations/${c.id}/handoff`, { method: 'POST', headers: { 'X-Conversation-Token': c.token } });
    const waiting = (await view(t, c)).handoff;
    expect(waiting).toEqual({
      status: 'waiting',
      agent_name: null,
      first_response_due: '2026-11-20T04:00:00.000Z',
      first_response_at: null,
      resolution_due: expect.any(String),
      resolved_at: null,
      rated: false,
      agents_working_now: true,
      next_opening: '2026-11-20T02:00:00.000Z',
    });
    expect(JSON.stringify(waiting)).not.toMatch(/severity|queue|summary|packet/);

    const [handoff] = (await (await t.request('/api/queue', { token: agent.token })).json()).items;
    await post(t, `/api/handoffs/${handoff.id}/claim`, agent.token);
    await post(t, `/api/handoffs/${handoff.id}/messages`, agent.token, { text: 'Hello, Alice here.' });
    expect((await view(t, c)).handoff).toMatchObject({ status: 'claimed', agent_name: 'Alice Wang', first_response_at: '2026-11-20T02:00:00.000Z' });

    await post(t, `/api/handoffs/${handoff.id}/resolve`, agent.token, { note: 'Explained', article_ids: [] });
    expect((await view(t, c)).handoff).toMatchObject({ status: 'resolved', rated: false, resolved_at: '2026-11-20T02:00:00.000Z' });
    const rated = await t.request(`/api/conversations/${c.id}/rating`, { method: 'POST', headers: { 'X-Conversation-Token': c.token }, body: JSON.stringify({ rating: 4 }) });
    expect(rated.status).toBe(200);
    expect((await view(t, c)).handoff).toMatchObject({ status: 'resolved', rated: true });
  });

  it('says when nobody is working and when they next will (the widget then offers a callback)', async () => {
    const t = await createBotApp();
    t.clock.set('2026-11-20T22:30:00+08:00'); // after the default 09:00–21:00
    const c = await t.start({ locale: 'zh' });
    await t.say(c, '转人工');
    expect((await view(t, c)).handoff).toMatchObject({
      status: 'waiting',
      agents_working_now: false,
      next_opening: '2026-11-21T01:00:00.000Z',
      first_response_due: '2026-11-21T03:00:00.000Z',
    });
  });
});

describe('CORS for the embedded widget', () => {
  it('lets another site send the conversation token and resume the event stream', async () => {
    const t = await createBotApp();
    const res = await t.request('/api/conversations/x/messages', {
      method: 'OPTIONS',
      headers: { Origin: 'https://shop.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,idempotency-key,x-conversation-token' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const allowed = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const h of ['content-type', 'idempotency-key', 'x-conversation-token', 'last-event-id']) expect(allowed).toContain(h);
  });
});
