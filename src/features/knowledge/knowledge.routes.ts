/**
 * Route contract of the knowledge import over HTTP: the same import as `npm run kb:import`,
 * for runtimes without a filesystem (Workers with D1) and for `npm run kb:push`.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { jsonBody, jsonContent, pickProblems } from '../../lib/openapi.js';
import { MAX_BODY_CHARS } from './knowledge.schemas.js';

/** Most files one request may carry; D1 counts every statement of a batch as a query. */
export const MAX_IMPORT_FILES = 200;

const SourceFileSchema = z.object({
  path: z.string().min(1).max(300).openapi({ example: 'en/orders/where-is-my-parcel.md' }),
  text: z.string().max(MAX_BODY_CHARS + 20_000),
});

export const ImportKnowledgeBody = z
  .object({
    categories_file: SourceFileSchema.optional().openapi({ description: 'The text of `knowledge/categories.yaml`' }),
    article_files: z.array(SourceFileSchema).max(MAX_IMPORT_FILES).openapi({ description: 'Markdown files with frontmatter, paths relative to `knowledge/`' }),
    dry_run: z.boolean().default(false),
  })
  .openapi('ImportKnowledge');

const FieldErrorSchema = z.object({ path: z.string(), message: z.string() });

export const ImportReportSchema = z
  .object({
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    categories: z.number().int(),
    failed: z.array(z.object({ path: z.string(), errors: z.array(FieldErrorSchema) })),
    changes: z.array(z.object({ path: z.string(), action: z.enum(['create', 'update']), article: z.string() })),
  })
  .openapi('ImportReport');

export const importKnowledgeRoute = createRoute({
  method: 'post',
  path: '/api/admin/knowledge/import',
  tags: ['Staff'],
  security: [{ bearer: [] }],
  summary: 'Import knowledge files sent as JSON (admin): unchanged files skipped, changed ones a new version, bad ones reported',
  request: { body: jsonBody(ImportKnowledgeBody) },
  responses: {
    200: jsonContent(ImportReportSchema, 'What was (or, with dry_run, would be) created, updated, left alone and rejected'),
    ...pickProblems(400, 401, 403, 413, 422),
  },
});
