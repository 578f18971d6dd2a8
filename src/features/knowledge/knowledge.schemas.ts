import { z } from 'zod';
import { ARTICLE_KINDS, ARTICLE_STATUSES, AUDIENCES, LOCALES } from '../../db/schema/index.js';

const slug = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters, digits and single hyphens');

/** The frontmatter of one `knowledge/<locale>/<category>/<slug>.md` file (see knowledge/README.md). */
export const ArticleFrontmatterSchema = z
  .object({
    slug,
    locale: z.enum(LOCALES),
    translation: slug.optional(),
    title: z.string().trim().min(1).max(200),
    summary: z.string().trim().max(600).default(''),
    kind: z.enum(ARTICLE_KINDS).default('faq'),
    category: slug,
    audience: z.enum(AUDIENCES).default('public'),
    status: z.enum(ARTICLE_STATUSES).default('published'),
    tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
    questions: z.array(z.string().trim().min(1).max(300)).max(500).default([]),
  })
  .strict();

export type ArticleFrontmatter = z.infer<typeof ArticleFrontmatterSchema>;

/** `knowledge/categories.yaml`: a list of categories with per-locale names. */
export const CategoriesFileSchema = z.array(
  z
    .object({
      slug,
      order: z.number().int().min(0).default(0),
      names: z.partialRecord(z.enum(LOCALES), z.string().trim().min(1).max(80)),
      descriptions: z.partialRecord(z.enum(LOCALES), z.string().trim().max(300)).default({}),
    })
    .strict(),
);

export type CategoriesFile = z.infer<typeof CategoriesFileSchema>;

/** Largest article body accepted from a file or the API (characters). */
export const MAX_BODY_CHARS = 100_000;
