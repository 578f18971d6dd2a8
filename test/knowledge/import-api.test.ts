/** POST /api/admin/knowledge/import (what `npm run kb:push` and the workerd tests use), on Node. */
import { describe, expect, it } from 'vitest';
import type { ImportReport } from '../../src/features/knowledge/knowledge.service.js';
import { readKnowledgeDir } from '../../src/runtime/knowledge-files.js';
import { importInChunks } from '../../scripts/lib/knowledge-push.js';
import { createStaffToken, createTestApp, problemOf } from '../helpers.js';

const files = await readKnowledgeDir();

async function setup() {
  const t = await createTestApp();
  const admin = await createStaffToken(t.deps, 'admin');
  const send = async (body: unknown, token = admin.token) =>
    t.request('/api/admin/knowledge/import', { method: 'POST', token, body: JSON.stringify(body) });
  const push = (options: { dryRun?: boolean } = {}) =>
    importInChunks(files, async (body) => {
      const res = await send(body);
      expect(res.status).toBe(200);
      return (await res.json()) as ImportReport;
    }, options);
  return { ...t, admin, send, push };
}

describe('knowledge import over HTTP', () => {
  it('imports the sample knowledge base in chunks; a dry run first writes nothing; a second push changes nothing', async () => {
    const t = await setup();
    const dry = await t.push({ dryRun: true });
    expect(dry).toMatchObject({ created: 104, failed: [] });
    expect((await (await t.request('/api/articles?locale=en')).json()).total).toBe(0);
    const report = await t.push();
    expect(report).toMatchObject({ created: 104, updated: 0, failed: [] });
    expect(report.categories).toBeGreaterThan(5);
    expect((await (await t.request('/api/articles?locale=en')).json()).total).toBeGreaterThan(40);
    expect(await t.push()).toMatchObject({ created: 0, updated: 0, unchanged: 104 });
  });

  it('reports a bad file by path and field and imports the rest', async () => {
    const t = await setup();
    const good = files.articleFiles.find((f) => f.path.startsWith('en/'))!;
    const res = await t.send({ categories_file: files.categoriesFile, article_files: [good, { path: 'en/orders/broken.md', text: '---\nslug: Not A Slug\n---\nbody' }] });
    const report = (await res.json()) as ImportReport;
    expect(report.created).toBe(1);
    expect(report.failed[0]?.path).toBe('en/orders/broken.md');
  });

  it('is for admins, and validates its body', async () => {
    const t = await setup();
    const editor = await createStaffToken(t.deps, 'editor');
    expect((await t.send({ article_files: [] }, editor.token)).status).toBe(403);
    expect((await t.request('/api/admin/knowledge/import', { method: 'POST', body: '{"article_files":[]}' })).status).toBe(401);
    const bad = await problemOf(await t.send({ article_files: [{ path: '' }] }));
    expect(bad.status).toBe(422);
    expect(bad.errors?.map((e) => e.path)).toEqual(expect.arrayContaining(['body.article_files.0.path', 'body.article_files.0.text']));
  });
});
