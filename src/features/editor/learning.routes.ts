import { createRoute, z } from '@hono/zod-openapi';
import { jsonContent, pickProblems, jsonBody } from '../../lib/openapi.js';
import { requireRole } from '../auth/auth.middleware.js';
import { IdParams } from './editor.schemas.js';

const isoDate = z.iso.datetime({ offset: true }).or(z.iso.date());

export const articleFeedbackRoute = createRoute({
  method: 'post',
  path: '/api/articles/{id}/feedback',
  tags: ['Articles'],
  summary: '"Was this helpful?" from a reader (no login; rate-limited)',
  request: { params: IdParams, body: jsonBody(z.object({ helpful: z.boolean(), comment: z.string().trim().max(1000).optional() }).strict().openapi('ArticleFeedback')) },
  responses: { 204: { description: 'Thank you' }, ...pickProblems(400, 404, 422, 429) },
});

export const attachQuestionRoute = createRoute({
  method: 'post',
  path: '/api/articles/{id}/questions',
  tags: ['Editing'],
  security: [{ bearer: [] }],
  middleware: requireRole('editor'),
  summary: 'Add a customer’s phrasing as an alternate question; search and the bot use it at once (editor)',
  request: { params: IdParams, body: jsonBody(z.object({ question: z.string().trim().min(2).max(300) }).strict()) },
  responses: { 200: jsonContent(z.object({ id: z.string(), version: z.number().int(), questions: z.array(z.string()) }), 'Added'), ...pickProblems(400, 401, 403, 404, 409, 422) },
});

export const contentGapsRoute = createRoute({
  method: 'get',
  path: '/api/admin/content-gaps',
  tags: ['Editing'],
  security: [{ bearer: [] }],
  middleware: requireRole('editor'),
  summary: 'What customers asked and did not find (editor)',
  request: {
    query: z.object({ from: isoDate.optional(), to: isoDate.optional(), limit: z.coerce.number().int().min(1).max(200).default(20) }),
  },
  responses: {
    200: jsonContent(
      z
        .object({
          from: z.string(),
          to: z.string(),
          zero_result_searches: z.array(z.object({ query: z.string(), count: z.number().int() })),
          searches_before_handoff: z.array(z.object({ query: z.string(), count: z.number().int() })).openapi({ description: 'What customers asked the bot in conversations that then went to a person' }),
          unanswered_questions: z.array(z.object({ question: z.string(), count: z.number().int(), decision: z.string().nullable(), closest_article_id: z.string().nullable() })),
          unhelpful_articles: z.array(z.object({ id: z.string(), title: z.string(), locale: z.string(), helpful: z.number().int(), votes: z.number().int() })),
          outdated_translations: z.array(z.object({ id: z.string(), locale: z.string(), slug: z.string(), title: z.string() })),
        })
        .openapi('ContentGaps'),
      'The report',
    ),
    ...pickProblems(401, 403, 422),
  },
});
