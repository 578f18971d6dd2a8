import { createRoute, z } from '@hono/zod-openapi';
import { jsonContent, pickProblems, ProblemSchema, jsonBody } from '../../lib/openapi.js';
import { requireRole } from '../auth/auth.middleware.js';
import { CreateArticleBody, EditorArticleSchema, EditorListQuery, EditorListSchema, IdParams, IfMatchHeaders, RevisionSchema, UpdateArticleBody } from './editor.schemas.js';

const tags = ['Editing'];
const security: Array<Record<string, string[]>> = [{ bearer: [] }];
// On the routes themselves, so a wrong method or path still gets 404/405 rather than 401.
const middleware = requireRole('editor');
const withEtag = (description: string) => ({ ...jsonContent(EditorArticleSchema, description), headers: z.object({ ETag: z.string() }) });
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ProblemSchema } } });

export const createArticleRoute = createRoute({
  method: 'post',
  path: '/api/articles',
  tags,
  security,
  middleware,
  summary: 'Create a draft article (editor)',
  request: { body: jsonBody(CreateArticleBody) },
  responses: { 201: withEtag('Created as a draft'), ...pickProblems(400, 401, 403, 404, 409, 413, 422) },
});

export const listEditorArticlesRoute = createRoute({
  method: 'get',
  path: '/api/editor/articles',
  tags,
  security,
  middleware,
  summary: 'Articles in every status, with filters and a text filter, most recently changed first (editor)',
  description: 'Not logged as a search: finding an article here leaves no trace in search analytics or content gaps.',
  request: { query: EditorListQuery },
  responses: { 200: jsonContent(EditorListSchema, 'A page of articles'), ...pickProblems(401, 403, 422) },
});

export const getEditorArticleRoute = createRoute({
  method: 'get',
  path: '/api/editor/articles/{id}',
  tags,
  security,
  middleware,
  summary: 'An article as editors see it: live and working content, version (editor)',
  request: { params: IdParams },
  responses: { 200: withEtag('The article'), ...pickProblems(401, 403, 404, 422) },
});

export const updateArticleRoute = createRoute({
  method: 'patch',
  path: '/api/articles/{id}',
  tags,
  security,
  middleware,
  summary: 'Save an edit (editor); needs If-Match',
  description: 'A draft changes in place. A published article keeps its live version; the edit is staged until published. 428 without If-Match; 412 with the current version when someone saved first.',
  request: { params: IdParams, headers: IfMatchHeaders, body: jsonBody(UpdateArticleBody) },
  responses: {
    200: withEtag('Saved'),
    412: problem('Someone else saved first; `current_version` says which version is current'),
    428: problem('If-Match is required'),
    ...pickProblems(400, 401, 403, 404, 409, 413, 422),
  },
});

export const publishArticleRoute = createRoute({
  method: 'post',
  path: '/api/articles/{id}/publish',
  tags,
  security,
  middleware,
  summary: 'Publish the working content (editor; a second editor when review is required)',
  request: { params: IdParams, headers: IfMatchHeaders },
  responses: { 200: withEtag('Live, searchable and used by the bot'), 412: problem('Someone else saved first'), ...pickProblems(400, 401, 403, 404, 422) },
});

export const revisionsRoute = createRoute({
  method: 'get',
  path: '/api/editor/articles/{id}/revisions',
  tags,
  security,
  middleware,
  summary: 'Every saved version, newest first (editor)',
  request: { params: IdParams },
  responses: { 200: jsonContent(z.object({ items: z.array(RevisionSchema) }), 'Revisions'), ...pickProblems(401, 403, 404, 422) },
});

const workflow = (path: 'submit' | 'archive', summary: string) =>
  createRoute({
    method: 'post',
    path: `/api/articles/{id}/${path}`,
    tags,
    security,
    middleware,
    summary,
    request: { params: IdParams, headers: IfMatchHeaders },
    responses: { 200: withEtag('Moved'), 412: problem('Someone else saved first'), 428: problem('If-Match is required'), ...pickProblems(400, 401, 403, 404, 409, 422) },
  });

export const submitRoute = workflow('submit', 'Submit a draft for review (editor)');
export const archiveRoute = workflow('archive', 'Archive: no longer shown, searched or used by the bot (editor)');

export const scheduleRoute = createRoute({
  method: 'post',
  path: '/api/articles/{id}/schedule',
  tags,
  security,
  middleware,
  summary: 'Publish at a future time (editor)',
  request: { params: IdParams, headers: IfMatchHeaders, body: jsonBody(z.object({ publish_at: z.iso.datetime({ offset: true }) }).strict()) },
  responses: { 200: withEtag('Scheduled'), 412: problem('Someone else saved first'), 428: problem('If-Match is required'), ...pickProblems(400, 401, 403, 404, 422) },
});

export const restoreRoute = createRoute({
  method: 'post',
  path: '/api/articles/{id}/restore',
  tags,
  security,
  middleware,
  summary: 'Restore an old version as a new one (editor)',
  request: { params: IdParams, headers: IfMatchHeaders, body: jsonBody(z.object({ version: z.number().int().min(1) }).strict()) },
  responses: { 200: withEtag('Restored (staged when the article is live)'), 412: problem('Someone else saved first'), 428: problem('If-Match is required'), ...pickProblems(400, 401, 403, 404, 409, 422) },
});

export const diffRoute = createRoute({
  method: 'get',
  path: '/api/editor/articles/{id}/diff',
  tags,
  security,
  middleware,
  summary: 'Compare two versions: unified diff of title, body and questions (editor)',
  request: { params: IdParams, query: z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) }) },
  responses: {
    200: jsonContent(z.object({ from: z.number().int(), to: z.number().int(), changes: z.record(z.string(), z.array(z.string())) }), 'Changed fields with their diff lines'),
    ...pickProblems(401, 403, 404, 422),
  },
});

export const previewRoute = createRoute({
  method: 'post',
  path: '/api/articles/preview',
  tags,
  security,
  middleware,
  summary: 'Render markdown as it will be shown, without saving (editor)',
  request: { body: jsonBody(z.object({ body: z.string().max(100_000) }).strict()) },
  responses: { 200: jsonContent(z.object({ html: z.string() }), 'Sanitised HTML'), ...pickProblems(400, 401, 403, 413, 422) },
});

export const revisionRoute = createRoute({
  method: 'get',
  path: '/api/editor/articles/{id}/revisions/{version}',
  tags,
  security,
  middleware,
  summary: 'One saved version, in full (editor)',
  request: { params: IdParams.extend({ version: z.coerce.number().int().min(1) }) },
  responses: {
    200: jsonContent(
      RevisionSchema.extend({ slug: z.string(), kind: z.string(), summary: z.string(), body: z.string(), questions: z.array(z.string()), tags: z.array(z.string()), category: z.string(), audience: z.string() }),
      'The revision',
    ),
    ...pickProblems(401, 403, 404, 422),
  },
});
