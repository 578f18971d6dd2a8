import { createRoute, z } from '@hono/zod-openapi';
import { jsonContent, pickProblems } from '../../lib/openapi.js';
import { ArticleListSchema, ArticleParams, ArticleSchema, CategorySchema, ListArticlesQuery } from './articles.schemas.js';

const tags = ['Articles'];
// Anonymous or staff: a staff token widens what is visible.
const security: Array<Record<string, string[]>> = [{}, { bearer: [] }];

export const listArticlesRoute = createRoute({
  method: 'get',
  path: '/api/articles',
  tags,
  security,
  summary: 'List published articles',
  description: 'Anonymous callers get public articles only; staff also get internal solution articles.',
  request: { query: ListArticlesQuery },
  responses: { 200: jsonContent(ArticleListSchema, 'A page of articles'), ...pickProblems(401, 422) },
});

export const getArticleRoute = createRoute({
  method: 'get',
  path: '/api/articles/{locale}/{slug}',
  tags,
  security,
  summary: 'Get one article, rendered',
  request: { params: ArticleParams },
  responses: {
    200: {
      ...jsonContent(ArticleSchema, 'The article with sanitised HTML and its markdown'),
      headers: z.object({ ETag: z.string().openapi({ description: 'Changes whenever the article changes' }) }),
    },
    304: { description: 'Not modified (If-None-Match matched)' },
    ...pickProblems(401, 404, 422),
  },
});

export const listCategoriesRoute = createRoute({
  method: 'get',
  path: '/api/categories',
  tags,
  security,
  summary: 'List categories in display order',
  responses: { 200: jsonContent(z.object({ items: z.array(CategorySchema) }), 'Categories'), ...pickProblems(401) },
});
