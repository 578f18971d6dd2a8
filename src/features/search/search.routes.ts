import { createRoute, z } from '@hono/zod-openapi';
import { jsonContent, pickProblems, jsonBody } from '../../lib/openapi.js';
import {
  ClickBody,
  IdParam,
  ReportQuery,
  ReportSchema,
  SearchQuery,
  SearchResponseSchema,
  SuggestQuery,
  SuggestResponseSchema,
  SynonymSetBody,
  SynonymSetSchema,
} from './search.schemas.js';

const tags = ['Search'];
const anyone: Array<Record<string, string[]>> = [{}, { bearer: [] }];
const staffOnly: Array<Record<string, string[]>> = [{ bearer: [] }];

export const searchRoute = createRoute({
  method: 'get',
  path: '/api/search',
  tags,
  security: anyone,
  summary: 'Search the knowledge base',
  description:
    'Customers get public articles; staff also get internal solution articles (audience `internal`). ' +
    'A query of only punctuation or emoji returns no results rather than an error.',
  request: { query: SearchQuery },
  responses: { 200: jsonContent(SearchResponseSchema, 'Ranked results'), ...pickProblems(401, 403, 422, 429) },
});

export const suggestRoute = createRoute({
  method: 'get',
  path: '/api/search/suggest',
  tags,
  security: anyone,
  summary: 'As-you-type suggestions',
  request: { query: SuggestQuery },
  responses: { 200: jsonContent(SuggestResponseSchema, 'Articles and query completions'), ...pickProblems(401, 422, 429) },
});

export const clickRoute = createRoute({
  method: 'post',
  path: '/api/search/click',
  tags,
  security: anyone,
  summary: 'Record that a search result was opened',
  request: { body: jsonBody(ClickBody) },
  responses: { 204: { description: 'Recorded' }, ...pickProblems(400, 404, 422, 429) },
});

export const reportRoute = createRoute({
  method: 'get',
  path: '/api/admin/search-report',
  tags,
  security: staffOnly,
  summary: 'Search analytics (editor)',
  request: { query: ReportQuery },
  responses: { 200: jsonContent(ReportSchema, 'Top, zero-result and no-click queries'), ...pickProblems(401, 403, 422) },
});

const RunSchema = z.union([
  z.object({ at: z.string(), embedded: z.number().int(), removed: z.number().int(), refused: z.number().int() }),
  z.object({ at: z.string(), error: z.string() }),
]);

const StatusSchema = z
  .object({
    backend: z.enum(['memory', 'fts5']).nullable().openapi({ description: 'The search backend serving this process (null before the first search)' }),
    articles: z.number().int().openapi({ description: 'Published articles in this process\'s index' }),
    version: z.string().openapi({ description: 'The content version the index reflects (compare across instances)' }),
    last_load: z
      .object({ backend: z.string(), from: z.string(), caught_up: z.number().int(), ms: z.number() })
      .nullable()
      .openapi({ description: 'How the index got its content when this process started' }),
    semantic: z
      .object({
        model: z.string(),
        weight: z.number(),
        articles_loaded: z.number().int(),
        parts_loaded: z.number().int(),
        dimensions: z.number().int(),
        memory_bytes: z.number().int(),
        model_paused_until: z.string().nullable().openapi({ description: 'Set after a failed query embedding: searches are lexical until then' }),
        parts_refused: z.number().int().openapi({ description: 'Article parts the model refused (too long…), retried after an hour' }),
        last_run: RunSchema.nullable().openapi({ description: 'The last embedding run in this process' }),
      })
      .nullable()
      .openapi({ description: 'Semantic re-ranking (null: no embedding model configured)' }),
  })
  .openapi('SearchStatus');

export const statusRoute = createRoute({
  method: 'get',
  path: '/api/admin/search-status',
  tags,
  security: staffOnly,
  summary: 'The search index and semantic re-ranking in this process (editor)',
  responses: { 200: jsonContent(StatusSchema, 'Status'), ...pickProblems(401, 403) },
});

export const listSynonymsRoute = createRoute({
  method: 'get',
  path: '/api/admin/synonyms',
  tags,
  security: staffOnly,
  summary: 'List synonym sets (editor)',
  responses: { 200: jsonContent(z.object({ items: z.array(SynonymSetSchema) }), 'Synonym sets'), ...pickProblems(401, 403) },
});

export const createSynonymsRoute = createRoute({
  method: 'post',
  path: '/api/admin/synonyms',
  tags,
  security: staffOnly,
  summary: 'Create a synonym set (editor)',
  request: { body: jsonBody(SynonymSetBody) },
  responses: { 201: jsonContent(SynonymSetSchema, 'Created'), ...pickProblems(400, 401, 403, 422) },
});

export const updateSynonymsRoute = createRoute({
  method: 'put',
  path: '/api/admin/synonyms/{id}',
  tags,
  security: staffOnly,
  summary: 'Replace a synonym set (editor)',
  request: { params: IdParam, body: jsonBody(SynonymSetBody) },
  responses: { 200: jsonContent(SynonymSetSchema, 'Updated'), ...pickProblems(400, 401, 403, 404, 422) },
});

export const deleteSynonymsRoute = createRoute({
  method: 'delete',
  path: '/api/admin/synonyms/{id}',
  tags,
  security: staffOnly,
  summary: 'Delete a synonym set (editor)',
  request: { params: IdParam },
  responses: { 204: { description: 'Deleted' }, ...pickProblems(401, 403, 404) },
});
