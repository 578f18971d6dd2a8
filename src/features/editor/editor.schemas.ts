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
    publish_at: z.string().nullable().openapi({ description: 'Scheduled publication time, if any' }),
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

export const EditorListQuery = z.object({
  q: z.string().trim().max(200).optional().openapi({ description: 'Words that must each appear in the title, slug, summary or alternate questions (case-insensitive)' }),
  status: z.enum(ARTICLE_STATUSES).optional(),
  locale: z.enum(LOCALES).optional(),
  category: CategorySlugSchema.optional(),
  kind: z.enum(ARTICLE_KINDS).optional(),
  audience: z.enum(AUDIENCES).optional(),
  translation_group: z.string().min(1).max(100).optional(),
  pending: z
    .enum(['1', '0', 'true', 'false'])
    .transform((v) => v === '1' || v === 'true')
    .optional()
    .openapi({ description: 'Only published articles with a staged edit', type: 'string', enum: ['1', '0', 'true', 'false'] }),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const EditorListItemSchema = z
  .object({
    id: z.string(),
    locale: z.enum(LOCALES),
    slug: z.string(),
    title: z.string().openapi({ description: 'The live title (or the draft’s)' }),
    working_title: z.string().openapi({ description: 'The title of the staged edit, if any' }),
    translation_group: z.string(),
    kind: z.enum(ARTICLE_KINDS),
    category: z.string(),
    audience: z.enum(AUDIENCES),
    status: z.enum(ARTICLE_STATUSES),
    version: z.number().int(),
    has_pending_changes: z.boolean(),
    translation_outdated: z.boolean(),
    publish_at: z.string().nullable(),
    published_at: z.string().nullable(),
    updated_at: z.string(),
    feedback: z.object({ helpful: z.number().int(), not_helpful: z.number().int() }),
  })
  .openapi('EditorListItem');

export const EditorListSchema = z
  .object({ items: z.array(EditorListItemSchema), page: z.number().int(), limit: z.number().int(), total: z.number().int(), has_more: z.boolean() })
  .openapi('EditorArticleList');
