import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { messages } from '../../src/db/schema/index.js';
import { problemOf } from '../helpers.js';
import { createBotApp } from './fixtures.js';

describe('conversations', () => {
  it('start with a token; a customer can never read another customer’s conversation', async () => {
    const t = await createBotApp();
    const a = await t.start({ locale: 'en', customer: { name: 'Ann', email: 'ann@example.com' }, page_url: 'https://shop.example/help' });
    expect(a.res.status).toBe(201);
    expect(a.token).toMatch(/^cv_/);
    const b = await t.start();
    const own = await t.request(`/api/conversations/${a.id}`, { headers: { 'X-Conversation-Token': a.token } });
    expect(own.status).toBe(200);
    const other = await t.request(`/api/conversations/${a.id}`, { headers: { 'X-Conversation-Token': b.token } });
    expect(other.status).toBe(404);
    expect((await t.request(`/api/conversations/${a.id}`)).status).toBe(404);
    const post = await t.say({ id: a.id, token: b.token }, 'hello');
    expect(post.res.status).toBe(404);
  });

  it('answers a Chinese question with a citation', async () => {
    const t = await createBotApp();
    const c = await t.start({ locale: 'zh' });
    const { res, json } = await t.say(c, '退款多久能到账？');
    expect(res.status).toBe(201);
    expect(json.message).toMatchObject({ role: 'customer', text: '退款多久能到账？' });
    expect(json.reply).toMatchObject({ role: 'bot', decision: 'answer' });
    expect(json.reply.citations[0]).toMatchObject({ url: '/zh/articles/when-will-i-get-my-refund' });
    expect(json.reply.text).toMatch(/工作日/);
    expect(json.reply.confidence).toBeGreaterThan(0.3);
  });

  it('answers an English question in English even in a Chinese conversation', async () => {
    const t = await createBotApp();
    const c = await t.start({ locale: 'zh' });
    const { json } = await t.say(c, 'How do I track my order?');
    expect(json.reply.decision).toBe('answer');
    expect(json.reply.citations[0].url).toBe('/en/articles/track-my-order');
    expect(json.reply.text).toMatch(/Did this solve it/);
  });

  it('understands a short follow-up in the context of the previous turn', async () => {
    const t = await createBotApp();
    const c = await t.start({ locale: 'en' });
    await t.say(c, 'Do you ship to other countries?');
    const { json } = await t.say(c, 'and the duties?');
    expect(json.reply.decision).toBe('answer');
    expect(json.reply.citations[0].url).toBe('/en/articles/international-shipping-and-duties');
  });

  it('falls back honestly, then hands off when it still cannot help', async () => {
    const t = await createBotApp();
    const c = await t.start({ locale: 'en' });
    const first = await t.say(c, 'What is the weather like on Mars tomorrow?');
    expect(first.json.reply.decision).toBe('fallback');
    expect(first.json.reply.text).toMatch(/sorry/i);
    expect(first.json.reply.text).toMatch(/person/);
    const second = await t.say(c, 'Can you recommend a good pizza topping for a party?');
    expect(second.json.reply.decision).toBe('handoff');
    expect(second.json.reply.handoff.reason).toBe('repeated_failure');
  });

  it('hands off when asked for a person, then stays silent', async () => {
    const t = await createBotApp();
    const c = await t.start({ locale: 'zh' });
    const { json } = await t.say(c, '转人工');
    expect(json.reply).toMatchObject({ decision: 'handoff', handoff: { reason: 'human_request', severity: 'general' } });
    expect(json.reply.text).toMatch(/人工客服/);
    const later = await t.say(c, '退款多久能到账？');
    expect(later.res.status).toBe(201);
    expect(later.json.reply).toBeNull();
    const transcript = await (await t.request(`/api/conversations/${c.id}`, { headers: { 'X-Conversation-Token': c.token } })).json();
    expect(transcript.status).toBe('handoff');
    expect(transcript.messages.map((m: { role: string }) => m.role)).toEqual(['customer', 'bot', 'customer']);
  });

  it('hands a complaint over with its severity and does not treat a question about complaints as one', async () => {
    const t = await createBotApp();
    const c = await t.start({ locale: 'zh' });
    const { json } = await t.say(c, '充电宝充电时起火了，太危险了，我要投诉！');
    expect(json.reply.handoff).toEqual({ reason: 'complaint', severity: 'major' });
    expect(json.reply.text).toMatch(/抱歉/);
    const d = await t.start({ locale: 'zh' });
    const question = await t.say(d, '投诉流程是什么？');
    expect(question.json.reply.decision).not.toBe('handoff');
  });

  it('offers choices for an ambiguous question and answers the one picked', async () => {
    const t = await createBotApp();
    const c = await t.start({ locale: 'en' });
    const { json } = await t.say(c, 'invoice');
    expect(json.reply.decision).toBe('clarify');
    expect(json.reply.choices.length).toBeGreaterThanOrEqual(2);
    expect(json.reply.choices.length).toBeLessThanOrEqual(3);
    const picked = json.reply.choices[1];
    const answer = await t.say(c, picked.title, { article_id: picked.article_id });
    expect(answer.json.reply.decision).toBe('answer');
    expect(answer.json.reply.citations[0].article_id).toBe(picked.article_id);
  });

  it('is idempotent: a retry returns the same reply and stores nothing twice', async () => {
    const t = await createBotApp();
    const c = await t.start({ locale: 'zh' });
    const first = await t.say(c, '怎么开发票', { key: 'retry-1' });
    const again = await t.say(c, '怎么开发票', { key: 'retry-1' });
    expect(again.res.status).toBe(200);
    expect(again.json.reply.id).toBe(first.json.reply.id);
    expect(again.json.message.id).toBe(first.json.message.id);
    const [n] = await t.deps.db.select({ n: count() }).from(messages).where(eq(messages.conversationId, c.id));
    expect(n!.n).toBe(2);
  });

  it('hands off after two "not solved" answers', async () => {
    const t = await createBotApp();
    const c = await t.start({ locale: 'en' });
    const feedback = (resolved: boolean) =>
      t.request(`/api/conversations/${c.id}/feedback`, { method: 'POST', headers: { 'X-Conversation-Token': c.token }, body: JSON.stringify({ resolved }) });
    await t.say(c, 'How do I track my order?');
    const one = await (await feedback(false)).json();
    expect(one.reply).toBeNull();
    await t.say(c, 'How long does a refund take?');
    const two = await (await feedback(false)).json();
    expect(two.reply).toMatchObject({ decision: 'handoff', handoff: { reason: 'repeated_failure' } });
  });

  it('rejects bad input with problem+json, never a 500', async () => {
    const t = await createBotApp({ config: { maxMessageChars: 100, maxMessagesPerConversation: 12 } });
    const bad = await t.request('/api/conversations', { method: 'POST', body: JSON.stringify({ locale: 'fr', customer: { email: 'x' } }) });
    expect(bad.status).toBe(422);
    expect((await problemOf(bad)).errors?.map((e) => e.path).sort()).toEqual(['body.customer.email', 'body.locale']);
    const c = await t.start();
    const long = await t.say(c, 'x'.repeat(101));
    expect(long.res.status).toBe(422);
    expect((await problemOf(long.res)).errors?.[0]?.path).toBe('body.text');
    const empty = await t.say(c, '   ');
    expect(empty.res.status).toBe(422);
    await t.say(c, '转人工');
    for (let i = 0; i < 10; i++) expect((await t.say(c, `还在吗 ${i}`)).res.status).toBe(201);
    const over = await t.say(c, '还有问题');
    expect(over.res.status).toBe(429);
    const stored = await t.request(`/api/conversations/${c.id}`, { headers: { 'X-Conversation-Token': c.token } });
    expect((await stored.json()).messages).toHaveLength(12);
  });
});
