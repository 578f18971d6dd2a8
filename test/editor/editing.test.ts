import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema/index.js';
import { createStaffToken, createTestApp, insertCategory, problemOf } from '../helpers.js';

async function setup() {
  const t = await createTestApp();
  await insertCategory(t.deps.db, 'orders');
  const ed1 = await createStaffToken(t.deps, 'editor', 'Editor One');
  const ed2 = await createStaffToken(t.deps, 'editor', 'Editor Two');
  const agent = await createStaffToken(t.deps, 'agent');
  const create = (body: Record<string, unknown>, token = ed1.token) =>
    t.request('/api/articles', { method: 'POST', token, body: JSON.stringify({ locale: 'en', slug: 'gift-wrap', title: 'Can you gift-wrap my order?', body: 'Yes: choose gift wrap at checkout for ¥10.', category: 'orders', ...body }) });
  const patch = (id: string, version: string | undefined, body: Record<string, unknown>, token = ed1.token) =>
    t.request(`/api/articles/${id}`, { method: 'PATCH', token, headers: version === undefined ? {} : { 'If-Match': version }, body: JSON.stringify(body) });
  const publish = (id: string, token = ed1.token) => t.request(`/api/articles/${id}/publish`, { method: 'POST', token });
  const search = async (q: string) => (await t.request(`/api/search?q=${encodeURIComponent(q)}&locale=en`)).json();
  return { ...t, ed1, ed2, agent, create, patch, publish, search };
}

describe('editing articles', () => {
  it('takes a draft to published, found by search right after', async () => {
    const t = await setup();
    const res = await t.create({ questions: ['do you wrap gifts'] });
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe('"1"');
    const draft = await res.json();
    expect(draft).toMatchObject({ status: 'draft', version: 1 });
    expect((await t.search('gift wrap')).total).toBe(0);
    const live = await t.publish(draft.id);
    expect(live.status).toBe(200);
    expect((await live.json()).status).toBe('published');
    expect((await t.search('gift wrap')).results[0].slug).toBe('gift-wrap');
  });

  it('stages edits of a published article: the live version stays until the new one is published', async () => {
    const t = await setup();
    const { id } = await (await t.create({})).json();
    await t.publish(id);
    const edited = await t.patch(id, '2', { body: 'Yes: gift wrap now costs ¥15 and includes a card.', change_note: 'new price' });
    expect(edited.status).toBe(200);
    const e = await edited.json();
    expect(e).toMatchObject({ version: 3, has_pending_changes: true });
    expect(e.live.body).toContain('¥10');
    expect(e.working.body).toContain('¥15');
    const pub = await (await t.request('/api/articles/en/gift-wrap')).json();
    expect(pub.markdown).toContain('¥10');
    await t.publish(id);
    expect((await (await t.request('/api/articles/en/gift-wrap')).json()).markdown).toContain('¥15');
    expect((await t.search('card')).results[0].slug).toBe('gift-wrap');
    const revisions = await (await t.request(`/api/editor/articles/${id}/revisions`, { token: t.ed1.token })).json();
    expect(revisions.items.map((r: { version: number }) => r.version)).toEqual([4, 3, 2, 1]);
  });

  it('of two editors racing on the same version, one wins and the other gets 412 with the current version', async () => {
    const t = await setup();
    const { id } = await (await t.create({})).json();
    const [a, b] = await Promise.all([t.patch(id, '"1"', { title: 'Title from A' }), t.patch(id, 'W/"1"', { title: 'Title from B' }, t.ed2.token)]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const loser = a.status === 412 ? a : b;
    const p = await problemOf(loser);
    expect(p).toMatchObject({ status: 412, current_version: 2 });
    const winner = await (await (a.status === 200 ? a : b)).json();
    const now = await (await t.request(`/api/editor/articles/${id}`, { token: t.ed1.token })).json();
    expect(now.working.title).toBe(winner.working.title);
  });

  it('needs If-Match, rejects bad input with the field named, and changes nothing then', async () => {
    const t = await setup();
    const { id } = await (await t.create({})).json();
    expect((await t.patch(id, undefined, { title: 'x' })).status).toBe(428);
    const bad = await t.patch(id, 'yesterday', { title: 'x' });
    expect((await problemOf(bad)).errors?.[0]?.path).toBe('header.if-match');
    const cat = await t.patch(id, '1', { category: 'nowhere' });
    expect((await problemOf(cat)).errors?.[0]?.path).toBe('body.category');
    const dup = await t.create({});
    expect(dup.status).toBe(409);
    expect((await problemOf(dup)).errors?.[0]?.path).toBe('body.slug');
    const locale = await t.create({ slug: 'other', locale: 'fr' });
    expect((await problemOf(locale)).errors?.[0]?.path).toBe('body.locale');
    const big = await t.create({ slug: 'big', body: 'x'.repeat(100_001) });
    expect([413, 422]).toContain(big.status);
    const after = await (await t.request(`/api/editor/articles/${id}`, { token: t.ed1.token })).json();
    expect(after).toMatchObject({ version: 1, working: { title: 'Can you gift-wrap my order?', category: 'orders' } });
    expect((await t.create({ slug: 'by-agent' }, t.agent.token)).status).toBe(403);
  });

  it('with review required, a second editor must publish; every change is audited', async () => {
    const t = await setup();
    const admin = await createStaffToken(t.deps, 'admin');
    expect((await t.request('/api/admin/settings', { method: 'PUT', token: t.ed1.token, body: JSON.stringify({ review_required: true }) })).status).toBe(403);
    const put = await t.request('/api/admin/settings', { method: 'PUT', token: admin.token, body: JSON.stringify({ review_required: true }) });
    expect(await put.json()).toEqual({ review_required: true });
    expect(await (await t.request('/api/admin/settings', { token: t.ed1.token })).json()).toEqual({ review_required: true });
    const { id } = await (await t.create({})).json();
    expect((await t.publish(id)).status).toBe(403);
    expect((await t.publish(id, t.ed2.token)).status).toBe(200);
    const actions = (await t.deps.db.select().from(auditLog).where(eq(auditLog.entityId, id))).map((a) => a.action);
    expect(actions).toEqual(['article.create', 'article.publish']);
  });
});

describe('workflow', () => {
  it('submits, restores an old version as a new one, diffs, archives', async () => {
    const t = await setup();
    const { id } = await (await t.create({})).json();
    await t.patch(id, '1', { title: 'Gift wrapping', body: 'Choose gift wrap at checkout: ¥12.' });
    const diff = await (await t.request(`/api/editor/articles/${id}/diff?from=1&to=2`, { token: t.ed1.token })).json();
    expect(Object.keys(diff.changes).sort()).toEqual(['body', 'title']);
    expect(diff.changes.title).toContain('-Can you gift-wrap my order?');
    expect(diff.changes.title).toContain('+Gift wrapping');
    const restored = await t.request(`/api/articles/${id}/restore`, { method: 'POST', token: t.ed1.token, headers: { 'If-Match': '"2"' }, body: JSON.stringify({ version: 1 }) });
    expect(restored.status).toBe(200);
    expect(await restored.json()).toMatchObject({ version: 3, working: { title: 'Can you gift-wrap my order?' } });
    const revisions = await (await t.request(`/api/editor/articles/${id}/revisions`, { token: t.ed1.token })).json();
    expect(revisions.items[0]).toMatchObject({ version: 3, change_note: 'Restored version 1' });
    const v2 = await (await t.request(`/api/editor/articles/${id}/revisions/2`, { token: t.ed1.token })).json();
    expect(v2).toMatchObject({ version: 2, title: 'Gift wrapping', body: 'Choose gift wrap at checkout: ¥12.' });
    expect((await t.request(`/api/editor/articles/${id}/revisions/99`, { token: t.ed1.token })).status).toBe(404);
    const submitted = await t.request(`/api/articles/${id}/submit`, { method: 'POST', token: t.ed1.token, headers: { 'If-Match': '"3"' } });
    expect((await submitted.json()).status).toBe('in_review');
    const again = await t.request(`/api/articles/${id}/submit`, { method: 'POST', token: t.ed1.token, headers: { 'If-Match': '"4"' } });
    expect(again.status).toBe(409);
    await t.publish(id);
    expect((await t.search('gift')).total).toBe(1);
    const archived = await t.request(`/api/articles/${id}/archive`, { method: 'POST', token: t.ed1.token, headers: { 'If-Match': '"5"' } });
    expect((await archived.json()).status).toBe('archived');
    expect((await t.search('gift')).total).toBe(0);
  });

  it('publishes a scheduled article when it is due, without a cron', async () => {
    const t = await setup();
    const { id } = await (await t.create({})).json();
    const past = await t.request(`/api/articles/${id}/schedule`, { method: 'POST', token: t.ed1.token, headers: { 'If-Match': '"1"' }, body: JSON.stringify({ publish_at: '2020-01-01T00:00:00Z' }) });
    expect((await problemOf(past)).errors?.[0]?.path).toBe('body.publish_at');
    const res = await t.request(`/api/articles/${id}/schedule`, { method: 'POST', token: t.ed1.token, headers: { 'If-Match': '"1"' }, body: JSON.stringify({ publish_at: '2026-11-20T12:00:00+08:00' }) });
    expect(res.status).toBe(200);
    expect((await t.search('gift wrap')).total).toBe(0);
    t.clock.set('2026-11-20T12:00:01+08:00');
    expect((await t.search('gift wrap')).results[0]?.slug).toBe('gift-wrap');
  });

  it('previews markdown safely without saving', async () => {
    const t = await setup();
    const res = await t.request('/api/articles/preview', { method: 'POST', token: t.ed1.token, body: JSON.stringify({ body: '**Hi** <script>alert(1)</script><img src=x onerror=alert(1)>' }) });
    const { html } = await res.json();
    expect(html).toContain('<strong>Hi</strong>');
    expect(html).not.toMatch(/<script|onerror/);
  });
});

describe('audit log', () => {
  it('lets admins read who changed what, filtered', async () => {
    const t = await setup();
    const admin = await createStaffToken(t.deps, 'admin');
    const { id } = await (await t.create({})).json();
    await t.patch(id, '1', { title: 'Gift wrapping' });
    expect((await t.request('/api/admin/audit', { token: t.ed1.token })).status).toBe(403);
    const res = await (await t.request(`/api/admin/audit?entity_type=article&entity_id=${id}`, { token: admin.token })).json();
    expect(res.items.map((a: { action: string }) => a.action)).toEqual(['article.update', 'article.create']);
    expect(res.items[0]).toMatchObject({ actor_id: t.ed1.staff.id, summary: 'changed title' });
  });
});

describe('what publishing reaches', () => {
  it('a stored XSS payload is neutralised in the API HTML, search snippets and bot citations; the bot uses the article at once', async () => {
    const t = await setup();
    const xss = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const { id } = await (await t.create({ slug: 'xss-test', title: `Gift wrap ${xss}`, summary: `Wrap ${xss}`, body: `Gift wrap costs ten yuan ${xss} [x](javascript:alert(3))`, questions: [`how much is gift wrap ${xss}`] })).json();
    await t.publish(id);
    const article = await (await t.request('/api/articles/en/xss-test')).json();
    expect(article.html).not.toMatch(/<script|onerror|javascript:/i);
    const search = await t.search('gift wrap');
    expect(search.results[0].snippet).not.toMatch(/<script|<img/i); // escaped text (&lt;img …) is harmless
    const c = await (await t.request('/api/conversations', { method: 'POST', body: JSON.stringify({ locale: 'en' }) })).json();
    const reply = await (await t.request(`/api/conversations/${c.id}/messages`, { method: 'POST', headers: { 'X-Conversation-Token': c.token }, body: JSON.stringify({ text: 'how much is gift wrap' }) })).json();
    expect(reply.reply.decision).toBe('answer');
    expect(reply.reply.citations[0].article_id).toBe(id);
    expect(reply.reply.citations[0].snippet).not.toMatch(/<script|<img/i); // escaped text (&lt;img …) is harmless
  });

  it('flags translations outdated when the source changes, until they are updated', async () => {
    const t = await setup();
    const en = await (await t.create({})).json();
    const zh = await (await t.create({ locale: 'zh', slug: 'gift-wrap', title: '可以礼品包装吗？', body: '可以，结算时选择礼品包装，¥10。', translation_of: en.id })).json();
    await t.publish(en.id);
    await t.publish(zh.id);
    await t.patch(en.id, '2', { body: 'Yes: gift wrap now costs ¥15.' });
    await t.publish(en.id);
    const zhNow = await (await t.request(`/api/editor/articles/${zh.id}`, { token: t.ed1.token })).json();
    expect(zhNow.translation_outdated).toBe(true);
    await t.patch(zh.id, String(zhNow.version), { body: '可以，礼品包装现在 ¥15。' });
    await t.publish(zh.id);
    expect((await (await t.request(`/api/editor/articles/${zh.id}`, { token: t.ed1.token })).json()).translation_outdated).toBe(false);
  });
});
