import { describe, expect, it } from 'vitest';
import { createBotApp } from '../bot/fixtures.js';
import { createStaffToken, problemOf } from '../helpers.js';

describe('the knowledge base learns from real questions', () => {
  it('a question that failed is in the content-gaps report, and succeeds once attached to an article', async () => {
    const t = await createBotApp();
    const editor = await createStaffToken(t.deps, 'editor');
    const question = 'can I pay with crypto or bitcoin';
    const c = await t.start({ locale: 'en' });
    const before = await t.say(c, question);
    expect(before.json.reply.decision).toBe('fallback');
    await t.request(`/api/search?q=${encodeURIComponent('bitcoin')}&locale=en`);
    await t.deps.background.flush();

    const gaps = await (await t.request('/api/admin/content-gaps?from=2026-11-01&to=2026-12-01', { token: editor.token })).json();
    expect(gaps.unanswered_questions[0]).toMatchObject({ question, count: 1, decision: 'fallback' });
    expect(gaps.zero_result_searches).toEqual([{ query: 'bitcoin', count: 1 }]);
    // The conversation then goes to a person: what was asked in it shows up as searches before a handoff.
    await t.say(c, 'talk to a human');
    await t.deps.background.flush();
    const later = await (await t.request('/api/admin/content-gaps?from=2026-11-01&to=2026-12-01', { token: editor.token })).json();
    expect(later.searches_before_handoff).toEqual([{ query: question.toLowerCase(), count: 1 }]);

    const methods = await (await t.request('/api/articles/en/accepted-payment-methods')).json();
    const attach = await t.request(`/api/articles/${methods.id}/questions`, { method: 'POST', token: editor.token, body: JSON.stringify({ question }) });
    expect(attach.status).toBe(200);
    expect((await attach.json()).questions).toContain(question);
    const dup = await t.request(`/api/articles/${methods.id}/questions`, { method: 'POST', token: editor.token, body: JSON.stringify({ question }) });
    expect(dup.status).toBe(409);

    const d = await t.start({ locale: 'en' });
    const after = await t.say(d, question);
    expect(after.json.reply.decision).toBe('answer');
    expect(after.json.reply.citations[0].url).toBe('/en/articles/accepted-payment-methods');
  });

  it('counts "was this helpful?" and lists poorly rated articles', async () => {
    const t = await createBotApp();
    const editor = await createStaffToken(t.deps, 'editor');
    const a = await (await t.request('/api/articles/en/gift-cards')).json();
    const vote = (helpful: boolean) => t.request(`/api/articles/${a.id}/feedback`, { method: 'POST', body: JSON.stringify({ helpful, comment: helpful ? undefined : 'unclear' }) });
    for (const h of [false, false, true]) expect((await vote(h)).status).toBe(204);
    expect((await problemOf(await t.request(`/api/articles/${a.id}/feedback`, { method: 'POST', body: JSON.stringify({ helpful: 'yes' }) }))).errors?.[0]?.path).toBe('body.helpful');
    expect((await t.request('/api/articles/nope/feedback', { method: 'POST', body: JSON.stringify({ helpful: true }) })).status).toBe(404);
    const view = await (await t.request(`/api/editor/articles/${a.id}`, { token: editor.token })).json();
    expect(view.feedback).toEqual({ helpful: 1, not_helpful: 2 });
    const gaps = await (await t.request('/api/admin/content-gaps?from=2026-11-01&to=2026-12-01', { token: editor.token })).json();
    expect(gaps.unhelpful_articles).toEqual([{ id: a.id, title: a.title, locale: 'en', helpful: 1, votes: 3 }]);
  });
});
