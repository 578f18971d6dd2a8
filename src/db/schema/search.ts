import { index, sqliteTable, text, integer, real } from 'drizzle-orm/sqlite-core';
import { stringList, timestamp } from './columns.js';

/**
 * Editor-managed synonym sets, applied at query time: a query containing any term of a set also
 * searches for the others (退钱 → 退款). `locale` null applies to every locale.
 */
export const synonymSets = sqliteTable('synonym_sets', {
  id: text('id').primaryKey(),
  locale: text('locale'),
  terms: stringList('terms').notNull(),
  createdBy: text('created_by'),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});

/**
 * One row per search, for analytics. `query` is normalised and redacted (no emails or phone
 * numbers) before it is stored; rows older than the retention period are purged.
 */
export const searchLog = sqliteTable(
  'search_log',
  {
    id: text('id').primaryKey(),
    query: text('query').notNull(),
    locale: text('locale'),
    /** `public` for customers, `staff` for agents and editors. */
    audience: text('audience', { enum: ['public', 'staff'] }).notNull(),
    /** Where the search came from: the help center / API, or the bot's retriever. */
    source: text('source', { enum: ['search', 'bot'] }).notNull().default('search'),
    resultCount: integer('result_count').notNull(),
    topIds: stringList('top_ids').notNull(),
    topScore: real('top_score'),
    tookMs: real('took_ms').notNull(),
    /** The conversation whose bot turn made this search (source `bot`), to see what led to handoffs. */
    conversationId: text('conversation_id'),
    clickedArticleId: text('clicked_article_id'),
    clickedAt: timestamp('clicked_at'),
    at: timestamp('at').notNull(),
  },
  (t) => [index('search_log_at_idx').on(t.at), index('search_log_query_idx').on(t.locale, t.query), index('search_log_conversation_idx').on(t.conversationId)],
);

export type SynonymSetRow = typeof synonymSets.$inferSelect;
export type SearchLogRow = typeof searchLog.$inferSelect;
