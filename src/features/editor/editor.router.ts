import type { Context } from 'hono';
import { count, eq, sql } from 'drizzle-orm';
import { articleFeedback, type ArticleRow } from '../../db/schema/index.js';
import type { AppEnv } from '../../deps.js';
import { createRouter } from '../../lib/openapi.js';
import { currentStaff } from '../auth/auth.middleware.js';
import {
  archiveRoute,
  createArticleRoute,
  diffRoute,
  getEditorArticleRoute,
  listEditorArticlesRoute,
  previewRoute,
  publishArticleRoute,
  restoreRoute,
  revisionRoute,
  revisionsRoute,
  scheduleRoute,
  submitRoute,
  updateArticleRoute,
} from './editor.routes.js';
import { diffRevisions, getRevision, restoreRevision, schedulePublish, transition } from './editor.workflow.js';
import { renderMarkdown } from '../../lib/markdown.js';
import { listEditorArticles } from './editor.list.js';
import { createArticle, getArticleById, listRevisions, parseIfMatch, publishArticle, staged, updateArticle, type ArticleContent } from './editor.service.js';

const contentJson = (c: ArticleContent) => ({ slug: c.slug, kind: c.kind, title: c.title, summary: c.summary, body: c.body, questions: c.questions, tags: c.tags, category: c.category, audience: c.audience });

async function editorJson(c: Context<AppEnv>, a: ArticleRow) {
  c.header('ETag', `"${a.version}"`);
  const [votes] = await c.var.deps.db
    .select({ helpful: sql<number>`coalesce(sum(${articleFeedback.helpful}), 0)`, total: count() })
    .from(articleFeedback)
    .where(eq(articleFeedback.articleId, a.id));
  return {
    id: a.id,
    locale: a.locale,
    translation_group: a.translationGroup,
    status: a.status,
    version: a.version,
    has_pending_changes: a.pendingRevisionId !== null,
    translation_outdated: a.translationOutdated,
    feedback: { helpful: Number(votes?.helpful ?? 0), not_helpful: (votes?.total ?? 0) - Number(votes?.helpful ?? 0) },
    published_at: a.publishedAt?.toISOString() ?? null,
    publish_at: a.publishAt?.toISOString() ?? null,
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
  .openapi(listEditorArticlesRoute, async (c) => {
    const { translation_group, ...query } = c.req.valid('query');
    return c.json(await listEditorArticles(c.var.deps, { ...query, translationGroup: translation_group }), 200);
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
  })
  .openapi(submitRoute, async (c) => {
    const row = await transition(c.var.deps, c.req.valid('param').id, 'submit', parseIfMatch(c.req.valid('header')['if-match']), currentStaff(c));
    return c.json(await editorJson(c, row), 200);
  })
  .openapi(archiveRoute, async (c) => {
    const row = await transition(c.var.deps, c.req.valid('param').id, 'archive', parseIfMatch(c.req.valid('header')['if-match']), currentStaff(c));
    return c.json(await editorJson(c, row), 200);
  })
  .openapi(scheduleRoute, async (c) => {
    const at = new Date(c.req.valid('json').publish_at);
    const row = await schedulePublish(c.var.deps, c.req.valid('param').id, at, parseIfMatch(c.req.valid('header')['if-match']), currentStaff(c));
    return c.json(await editorJson(c, row), 200);
  })
  .openapi(restoreRoute, async (c) => {
    const row = await restoreRevision(c.var.deps, c.req.valid('param').id, c.req.valid('json').version, parseIfMatch(c.req.valid('header')['if-match']), currentStaff(c));
    return c.json(await editorJson(c, row), 200);
  })
  .openapi(diffRoute, async (c) => {
    const { from, to } = c.req.valid('query');
    return c.json(await diffRevisions(c.var.deps, c.req.valid('param').id, from, to), 200);
  })
  .openapi(previewRoute, (c) => c.json({ html: renderMarkdown(c.req.valid('json').body) }, 200))
  .openapi(revisionRoute, async (c) => {
    const { id, version } = c.req.valid('param');
    const r = await getRevision(c.var.deps, id, version);
    return c.json(
      {
        id: r.id,
        version: r.version,
        status: r.status,
        title: r.title,
        change_note: r.changeNote,
        created_by: r.createdBy,
        created_at: r.createdAt.toISOString(),
        slug: r.slug,
        kind: r.kind,
        summary: r.summary,
        body: r.body,
        questions: r.questions,
        tags: r.tags,
        category: r.category,
        audience: r.audience,
      },
      200,
    );
  });
