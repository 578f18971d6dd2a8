import { z } from '@hono/zod-openapi';
import { ARTICLE_KINDS, ARTICLE_STATUSES, AUDIENCES, LOCALES } from '../../db/schema/index.js';
import { CategorySlugSchema, SlugSchema } from '../articles/articles.schemas.js';
import { MAX_BODY_CHARS } from '../knowledge/knowledge.schemas.js';

const content = {
  slug: SlugSchema,
  kind: z.enum(ARTICLE_KINDS),
  title: z.string().trim().min(1).max(200),
  summary: z.string().trim().max(600),
  body: z.string().trim().min(1).max(MAX_BODY_CHARS, `At most ${MAX_BODY_CHARS} characters`),
  questions: z.array(z.string().trim().min(1).max(300)).max(500),
  tags: z.array(z.string().trim().min(1).max(40)).max(20),
  category: CategorySlugSchema,
  audience: z.enum(AUDIENCES),
};

export const CreateArticleBody = z
  .object({
    ...content,
    kind: content.kind.default('faq'),
    summary: content.summary.default(''),
    questions: content.questions.default([]),
    tags: content.tags.default([]),
    audience: content.audience.default('public'),
    locale: z.enum(LOCALES),
    translation_of: z.string().min(1).max(64).optional().openapi({ description: 'An article this one translates' }),
  })
  .strict()
  .openapi('CreateArticle');

export const UpdateArticleBody = z
  .object({
    slug: content.slug.optional(),
    kind: content.kind.optional(),
    title: content.title.optional(),
    summary: content.summary.optional(),
    body: content.body.optional(),
    questions: content.questions.optional(),
    tags: content.tags.optional(),
    category: content.category.optional(),
    audience: content.audience.optional(),
    change_note: z.string().trim().max(500).optional(),
  })
  .strict()
  .openapi('UpdateArticle');

export const EditorArticleSchema = z
  .object({
    id: z.string(),
    locale: z.enum(LOCALES),
    translation_group: z.string(),
    status: z.enum(ARTICLE_STATUSES),
    version: z.number().int().openapi({ description: 'Also the ETag; send it back as If-Match' }),
    has_pending_changes: z.boolean().openapi({ description: 'A published article with an edit staged for publishing' }),
    translation_outdated: z.boolean(),
    feedback: z.object({ helpful: z.number().int(), not_helpful: z.number().int() }).openapi({ description: '"Was this helpful?" answers so far' }),
    published_at: z.string().nullable(),
    updated_at: z.string(),
    updated_by: z.string().nullable(),
    live: z.object(content).openapi({ description: 'What customers see now' }),
    working: z.object(content).openapi({ description: 'What the editor is working on (the pending edit, or the live content)' }),
  })
  .openapi('EditorArticle');

export const RevisionSchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    status: z.enum(ARTICLE_STATUSES),
    title: z.string(),
    change_note: z.string(),
    created_by: z.string().nullable(),
    created_at: z.string(),
  })
  .openapi('Revision');

export const IdParams = z.object({ id: z.string().min(1).max(64) });
export const IfMatchHeaders = z.object({ 'if-match': z.string().max(100).optional().openapi({ description: 'The version you edited: "3"' }) });
