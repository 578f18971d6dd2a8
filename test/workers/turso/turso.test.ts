/** In workerd over libSQL via HTTP (the Turso path: DATABASE_URL, @libsql/client/web), same flows as over D1. */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, importSampleKnowledge, problemOf, staffToken } from '../helpers.js';

beforeAll(async () => {
  const report = await importSampleKnowledge();
  expect(report).toMatchObject({ created: 104, failed: [] });
});

describe('the Worker over Turso (libSQL over HTTP)', () => {
  // This project's D1 database has no migrations: had the Worker used it, every query would fail.
  it('is configured with DATABASE_URL, which wins over the D1 binding', () => {
    expect(env.DATABASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('searches the imported knowledge base in zh and en', async () => {
    const zh = (await (await call(`/api/search?q=${encodeURIComponent('退款多久到账')}&locale=zh`)).json()) as { results: Array<{ slug: string }> };
    expect(zh.results[0]?.slug).toBe('when-will-i-get-my-refund');
    const en = (await (await call('/api/search?q=track+my+order&locale=en')).json()) as { results: Array<{ slug: string }> };
    expect(en.results[0]?.slug).toBe('track-my-order');
  });

  it('answers with a citation, then hands over; of two concurrent claims one wins (batch and conditional update over HTTP)', async () => {
    const c = (await (await call('/api/conversations', { method: 'POST', body: '{"locale":"zh"}' })).json()) as { id: string; token: string };
    const say = async (text: string) =>
      (await (await call(`/api/conversations/${c.id}/messages`, { method: 'POST', headers: { 'X-Conversation-Token': c.token }, body: JSON.stringify({ text }) })).json()) as {
        reply: { decision: string; citations: Array<{ url: string }> };
      };
    expect((await say('退款多久能到账？')).reply.citations[0]?.url).toBe('/zh/articles/when-will-i-get-my-refund');
    expect((await say('转人工')).reply.decision).toBe('handoff');
    const [alice, bob] = await Promise.all([staffToken('agent', 'Alice'), staffToken('agent', 'Bob')]);
    const queue = (await (await call('/api/queue', { token: alice.token })).json()) as { items: Array<{ id: string }> };
    const id = queue.items[0]!.id;
    const [a, b] = await Promise.all([alice, bob].map((agent) => call(`/api/handoffs/${id}/claim`, { method: 'POST', token: agent.token })));
    expect([a!.status, b!.status].sort()).toEqual([200, 409]);
  });

  it('answers bad input with problem+json', async () => {
    expect((await problemOf(await call('/api/search?q=&locale=zh'))).errors?.[0]?.path).toBe('query.q');
  });
});
