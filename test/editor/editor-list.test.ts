import { describe, expect, it } from 'vitest';
import { createStaffToken, createTestApp, insertArticle, problemOf } from '../helpers.js';

type Item = { slug: string; status: string; working_title: string; has_pending_changes: boolean; feedback: { helpful: number; not_helpful: number } };

describe('the editors’ article list', () => {
  async function setup() {
    const t = await createTestApp();
    const editor = await createStaffToken(t.deps, 'editor');
    const agent = await createStaffToken(t.deps, 'agent');
    const list = async (query: string, token = editor.token) => {
      const res = await t.request(`/api/editor/articles?${query}`, { token });
      return { res, json: (await res.clone().json()) as { items: Item[]; total: number; has_more: boolean } };
    };
    return { ...t, editor, agent, list };
  }

  it('lists every status with filters, a literal text filter, paging and feedback counts', async () => {
    const t = await setup();
    await insertArticle(t.deps.db, { slug: 'draft-one', title: 'Gift wrap (draft)', status: 'draft', updatedAt: new Date('2026-11-03T00:00:00Z') });
    const live = await insertArticle(t.deps.db, { slug: 'live-one', title: 'Refund times', questions: ['how long does 100%_refund take'], updatedAt: new Date('2026-11-02T00:00:00Z') });
    await insertArticle(t.deps.db, { slug: 'zh-one', locale: 'zh', title: '退款多久到账', status: 'archived', category: 'returns', updatedAt: new Date('2026-11-01T00:00:00Z') });
    for (const helpful of [true, false, false]) {
      await t.request(`/api/articles/${live.id}/feedback`, { method: 'POST', body: JSON.stringify({ helpful }) });
    }

    const all = await t.list('');
    expect(all.json.items.map((i) => i.slug)).toEqual(['draft-one', 'live-one', 'zh-one']);
    expect(all.json.items[1]!.feedback).toEqual({ helpful: 1, not_helpful: 2 });
    expect((await t.list('status=draft')).json.items.map((i) => i.slug)).toEqual(['draft-one']);
    expect((await t.list('locale=zh&category=returns')).json.items.map((i) => i.slug)).toEqual(['zh-one']);
    expect((await t.list('q=%E9%80%80%E6%AC%BE')).json.items.map((i) => i.slug)).toEqual(['zh-one']);
    expect((await t.list('q=GIFT')).json.items.map((i) => i.slug)).toEqual(['draft-one']);
    expect((await t.list('q=refund%20TIMES')).json.items.map((i) => i.slug)).toEqual(['live-one']);
    expect((await t.list('q=refund%20wrap')).json.items).toEqual([]);
    // % and _ are matched literally, in the alternate questions too.
    expect((await t.list('q=100%25_')).json.items.map((i) => i.slug)).toEqual(['live-one']);
    expect((await t.list('q=%25')).json.items.map((i) => i.slug)).toEqual(['live-one']);
    const page2 = await t.list('limit=2&page=2');
    expect(page2.json).toMatchObject({ total: 3, has_more: false });
    expect(page2.json.items.map((i) => i.slug)).toEqual(['zh-one']);
    expect((await t.list('limit=2')).json.has_more).toBe(true);
  });

  it('shows a staged edit’s title and finds it by that title', async () => {
    const t = await setup();
    const a = await insertArticle(t.deps.db, { slug: 'staged', title: 'Old title' });
    const res = await t.request(`/api/articles/${a.id}`, { method: 'PATCH', token: t.editor.token, headers: { 'If-Match': '"1"' }, body: JSON.stringify({ title: 'Brand new title' }) });
    expect(res.status).toBe(200);
    const found = await t.list('q=brand%20new&pending=1');
    expect(found.json.items).toHaveLength(1);
    expect(found.json.items[0]).toMatchObject({ slug: 'staged', status: 'published', has_pending_changes: true, working_title: 'Brand new title' });
  });

  it('shows when an article is scheduled, in the list and the editor view', async () => {
    const t = await setup();
    const a = await insertArticle(t.deps.db, { slug: 'later', status: 'draft' });
    const at = '2026-12-01T09:00:00.000Z';
    const res = await t.request(`/api/articles/${a.id}/schedule`, { method: 'POST', token: t.editor.token, headers: { 'If-Match': '"1"' }, body: JSON.stringify({ publish_at: at }) });
    expect(res.status).toBe(200);
    expect((await res.json()).publish_at).toBe(at);
    expect((await t.list('q=later')).json.items[0]).toMatchObject({ publish_at: at });
  });

  it('is for editors only and names a wrong filter', async () => {
    const t = await setup();
    expect((await t.list('', t.agent.token)).res.status).toBe(403);
    expect((await t.request('/api/editor/articles')).status).toBe(401);
    const bad = await t.list('status=gone');
    expect(bad.res.status).toBe(422);
    expect((await problemOf(bad.res)).errors?.[0]?.path).toBe('query.status');
  });
});
