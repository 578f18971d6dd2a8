import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { localized, stringList, timestamp } from './columns.js';

export const LOCALES = ['zh', 'en'] as const;
export const ARTICLE_KINDS = ['faq', 'solution'] as const;
export const AUDIENCES = ['public', 'internal'] as const;
export const ARTICLE_STATUSES = ['draft', 'in_review', 'published', 'archived'] as const;

export type Locale = (typeof LOCALES)[number];
export type ArticleKind = (typeof ARTICLE_KINDS)[number];
export type Audience = (typeof AUDIENCES)[number];
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export const categories = sqliteTable('categories', {
  slug: text('slug').primaryKey(),
  position: integer('position').notNull().default(0),
  names: localized('names').notNull(),
  descriptions: localized('descriptions').notNull().default({}),
  updatedAt: timestamp('updated_at').notNull(),
});

/**
 * One article in one locale. Translations share `translationGroup`. The row holds the current
 * content; every saved version is also kept in `article_revisions`.
 */
export const articles = sqliteTable(
  'articles',
  {
    id: text('id').primaryKey(),
    slug: text('slug').notNull(),
    locale: text('locale', { enum: LOCALES }).notNull(),
    translationGroup: text('translation_group').notNull(),
    kind: text('kind', { enum: ARTICLE_KINDS }).notNull().default('faq'),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    body: text('body').notNull(),
    questions: stringList('questions').notNull().default([]),
    tags: stringList('tags').notNull().default([]),
    category: text('category')
      .notNull()
      .references(() => categories.slug),
    audience: text('audience', { enum: AUDIENCES }).notNull().default('public'),
    status: text('status', { enum: ARTICLE_STATUSES }).notNull().default('draft'),
    /** Incremented on every change; the ETag / If-Match value for optimistic concurrency. */
    version: integer('version').notNull().default(1),
    /** Hash of the content fields: lets `knowledge/` imports skip unchanged files. */
    contentHash: text('content_hash').notNull(),
    publishedAt: timestamp('published_at'),
    /** Scheduled publication: the article goes live at this time (checked on read and by a tick). */
    publishAt: timestamp('publish_at'),
    /**
     * A staged edit of a published article: the revision holding the new content while the live
     * version stays visible, until it is published.
     */
    pendingRevisionId: text('pending_revision_id'),
    /** Set when the source translation changed after this one was last updated. */
    translationOutdated: integer('translation_outdated', { mode: 'boolean' }).notNull().default(false),
    createdBy: text('created_by'),
    updatedBy: text('updated_by'),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('articles_locale_slug_uq').on(t.locale, t.slug),
    index('articles_translation_group_idx').on(t.translationGroup),
    index('articles_listing_idx').on(t.status, t.audience, t.locale, t.category),
    index('articles_updated_at_idx').on(t.updatedAt),
  ],
);

/** Every saved version of an article, never rewritten: restore creates a new one. */
export const articleRevisions = sqliteTable(
  'article_revisions',
  {
    id: text('id').primaryKey(),
    articleId: text('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    slug: text('slug').notNull(),
    kind: text('kind', { enum: ARTICLE_KINDS }).notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    body: text('body').notNull(),
    questions: stringList('questions').notNull(),
    tags: stringList('tags').notNull(),
    category: text('category').notNull(),
    audience: text('audience', { enum: AUDIENCES }).notNull(),
    status: text('status', { enum: ARTICLE_STATUSES }).notNull(),
    changeNote: text('change_note').notNull().default(''),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [uniqueIndex('article_revisions_article_version_uq').on(t.articleId, t.version)],
);

export type ArticleRow = typeof articles.$inferSelect;
export type NewArticleRow = typeof articles.$inferInsert;
export type CategoryRow = typeof categories.$inferSelect;
export type RevisionRow = typeof articleRevisions.$inferSelect;


/** "Was this helpful?" from readers, per article. */
export const articleFeedback = sqliteTable(
  'article_feedback',
  {
    id: text('id').primaryKey(),
    articleId: text('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    helpful: integer('helpful', { mode: 'boolean' }).notNull(),
    comment: text('comment'),
    at: timestamp('at').notNull(),
  },
  (t) => [index('article_feedback_article_idx').on(t.articleId, t.at)],
);
