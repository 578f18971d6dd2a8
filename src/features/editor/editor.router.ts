import type { Context } from 'hono';
import type { ArticleRow } from '../../db/schema/index.js';
import type { AppEnv } from '../../deps.js';
import { createRouter } from '../../lib/openapi.js';
import { currentStaff } from '../auth/auth.middleware.js';
import { createArticleRoute, getEditorArticleRoute, publishArticleRoute, revisionsRoute, updateArticleRoute } from './editor.routes.js';
import { createArticle, getArticleById, listRevisions, parseIfMatch, publishArticle, staged, updateArticle, type ArticleContent } from './editor.service.js';

const contentJson = (c: ArticleContent) => ({ slug: c.slug, kind: c.kind, title: c.title, summary: c.summary, body: c.body, questions: c.questions, tags: c.tags, category: c.category, audience: c.audience });

async function editorJson(c: Context<AppEnv>, a: ArticleRow) {
  c.header('ETag', `"${a.version}"`);
  return {
    id: a.id,
    locale: a.locale,
    translation_group: a.translationGroup,
    status: a.status,
    version: a.version,
    has_pending_changes: a.pendingRevisionId !== null,
    translation_outdated: a.translationOutdated,
    published_at: a.publishedAt?.toISOString() ?? null,
    updated_at: a.updatedAt.toISOString(),
    updated_by: a.updatedBy,
    live: contentJson(a),
    working: contentJson(await staged(c.var.deps, a)),
  };
}

export const editorRouter = createRouter();
// Every route here requires the editor role (declared on each route in editor.routes.ts).

editorRouter
  .openapi(createArticleRoute, async (c) => {
    const body = c.req.valid('json');
    const row = await createArticle(c.var.deps, { ...body, translationOf: body.translation_of }, currentStaff(c));
    return c.json(await editorJson(c, row), 201);
  })
  .openapi(getEditorArticleRoute, async (c) => c.json(await editorJson(c, await getArticleById(c.var.deps, c.req.valid('param').id)), 200))
  .openapi(updateArticleRoute, async (c) => {
    const version = parseIfMatch(c.req.valid('header')['if-match']);
    const body = c.req.valid('json');
    const row = await updateArticle(c.var.deps, c.req.valid('param').id, version, { ...body, changeNote: body.change_note }, currentStaff(c));
    return c.json(await editorJson(c, row), 200);
  })
  .openapi(publishArticleRoute, async (c) => {
    const header = c.req.valid('header')['if-match'];
    const row = await publishArticle(c.var.deps, c.req.valid('param').id, header === undefined ? undefined : parseIfMatch(header), currentStaff(c));
    return c.json(await editorJson(c, row), 200);
  })
  .openapi(revisionsRoute, async (c) => {
    const rows = await listRevisions(c.var.deps, c.req.valid('param').id);
    return c.json(
      { items: rows.map((r) => ({ id: r.id, version: r.version, status: r.status, title: r.title, change_note: r.changeNote, created_by: r.createdBy, created_at: r.createdAt.toISOString() })) },
      200,
    );
  });
