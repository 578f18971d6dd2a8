import { z } from '@hono/zod-openapi';
import { ARTICLE_KINDS, ARTICLE_STATUSES, AUDIENCES, LOCALES } from '../../db/schema/index.js';

export const LocaleSchema = z.enum(LOCALES).openapi({ description: 'Content language', example: 'en' });
export const SlugSchema = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Lowercase letters, digits and single hyphens')
  .openapi({ example: 'track-my-order' });
export const CategorySlugSchema = z
  .string()
  .min(1)
  .max(60)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Lowercase letters, digits and single hyphens');

export const TranslationLinkSchema = z.object({
  locale: LocaleSchema,
  slug: z.string(),
  title: z.string(),
  url: z.string(),
});

export const ArticleSummarySchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    locale: LocaleSchema,
    translation_group: z.string(),
    kind: z.enum(ARTICLE_KINDS),
    title: z.string(),
    summary: z.string(),
    category: z.string(),
    tags: z.array(z.string()),
    audience: z.enum(AUDIENCES).openapi({ description: '`internal` articles are visible to staff only' }),
    status: z.enum(ARTICLE_STATUSES),
    version: z.number().int(),
    published_at: z.string().datetime().nullable(),
    updated_at: z.string().datetime(),
    url: z.string().openapi({ description: 'Help-center page of the article' }),
  })
  .openapi('ArticleSummary');

export const ArticleSchema = ArticleSummarySchema.extend({
  questions: z.array(z.string()).openapi({ description: 'Alternate phrasings customers use' }),
  markdown: z.string(),
  html: z.string().openapi({ description: 'Rendered and sanitised body' }),
  translations: z.array(TranslationLinkSchema),
}).openapi('Article');

export const ArticleListSchema = z
  .object({
    items: z.array(ArticleSummarySchema),
    page: z.number().int(),
    limit: z.number().int(),
    total: z.number().int(),
    has_more: z.boolean(),
  })
  .openapi('ArticleList');

export const ListArticlesQuery = z.object({
  locale: LocaleSchema.optional(),
  category: CategorySlugSchema.optional(),
  tag: z.string().min(1).max(40).optional(),
  kind: z.enum(ARTICLE_KINDS).optional(),
  audience: z
    .enum(AUDIENCES)
    .optional()
    .openapi({ description: 'Staff only; anonymous callers always get public articles' }),
  status: z
    .enum(ARTICLE_STATUSES)
    .optional()
    .openapi({ description: 'Editors only (others always get published articles)' }),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const ArticleParams = z.object({ locale: LocaleSchema, slug: SlugSchema });

export const CategorySchema = z
  .object({
    slug: z.string(),
    position: z.number().int(),
    names: z.record(z.string(), z.string()).openapi({ example: { en: 'Orders', zh: '订单' } }),
    descriptions: z.record(z.string(), z.string()),
    article_counts: z
      .record(z.string(), z.number().int())
      .openapi({ description: 'Published articles the caller can see, per locale', example: { en: 5, zh: 5 } }),
  })
  .openapi('Category');
