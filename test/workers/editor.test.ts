/** In workerd over D1: an editor writes and publishes an article, found by search at once; scheduled publishing runs from the cron trigger. */
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../src/runtime/worker.js';
import { CRON_PUBLISH_DUE, CRON_PURGE_SEARCH_LOG } from '../../src/runtime/housekeeping.js';
import { searchLog } from '../../src/db/schema/index.js';
import { call, db, importSampleKnowledge, staffToken } from './helpers.js';

const searchSlugs = async (q: string) => {
  const body = (await (await call(`/api/search?q=${encodeURIComponent(q)}&locale=en`)).json()) as { results: Array<{ slug: string }> };
  return body.results.map((r) => r.slug);
};

async function draft(token: string, slug: string, title: string, body: string) {
  const res = await call('/api/articles', { method: 'POST', token, body: JSON.stringify({ locale: 'en', slug, title, body, category: 'orders' }) });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; version: number };
}

async function runCron(cron: string) {
  const ctx = createExecutionContext();
  worker.scheduled(createScheduledController({ cron, scheduledTime: Date.now() }), env, ctx);
  await waitOnExecutionContext(ctx);
}

describe('editing in workerd', () => {
  it('publishes a draft that search finds right after', async () => {
    await importSampleKnowledge();
    const editor = await staffToken('editor');
    const { id } = await draft(editor.token, 'gift-wrap', 'Can you gift-wrap my order?', 'Yes: choose gift wrap at checkout for ¥10.');
    expect(await searchSlugs('gift wrap')).not.toContain('gift-wrap');
    const live = await call(`/api/articles/${id}/publish`, { method: 'POST', token: editor.token });
    expect(live.status).toBe(200);
    expect(await searchSlugs('gift wrap')).toContain('gift-wrap');
  });

  it('lists 100 articles a page for editors (D1 binds at most 100 parameters per statement)', async () => {
    const editor = await staffToken('editor');
    const res = await call('/api/editor/articles?limit=100', { token: editor.token });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { items: unknown[] }).items).toHaveLength(100);
  });

  it('publishes a scheduled article from the cron trigger, and purges old search logs on the hourly one', async () => {
    const editor = await staffToken('editor');
    const { id, version } = await draft(editor.token, 'engraving', 'Can you engrave my watch?', 'Yes, engraving takes two extra days.');
    const at = new Date(Date.now() + 1500).toISOString();
    const scheduled = await call(`/api/articles/${id}/schedule`, { method: 'POST', token: editor.token, headers: { 'If-Match': String(version) }, body: JSON.stringify({ publish_at: at }) });
    expect(scheduled.status).toBe(200);
    await new Promise((r) => setTimeout(r, 1600));
    await runCron(CRON_PUBLISH_DUE);
    const view = (await (await call(`/api/editor/articles/${id}`, { token: editor.token })).json()) as { status: string };
    expect(view.status).toBe('published');

    await db.insert(searchLog).values({ id: 'old-search', query: 'ancient', locale: 'en', audience: 'public', resultCount: 0, topIds: [], tookMs: 1, at: new Date('2020-01-01T00:00:00Z') });
    await runCron(CRON_PURGE_SEARCH_LOG);
    expect((await db.select().from(searchLog)).map((r) => r.id)).not.toContain('old-search');
  });
});
