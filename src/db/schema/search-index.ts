/**
 * Tables behind the search index when it runs in many isolates (docs/scaling.md):
 * - `search_snapshots`: serialised in-memory engines, so a new isolate loads one instead of
 *   re-indexing every article; split into chunks because D1 refuses values over 1 MB.
 * - `search_state`: one counter bumped by triggers on every write to articles or synonym sets
 *   (a one-row read tells an isolate whether anything changed), and the FTS5 sync cursor.
 * - `search_fts_docs`: the integer row of each article in the FTS5 index (`search_fts`, a
 *   contentless virtual table created by hand in migration 0008: drizzle-kit has no virtual
 *   tables) and the version of the article it holds.
 */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns.js';

export const searchSnapshots = sqliteTable(
  'search_snapshots',
  {
    /** One snapshot: all its chunks share the id (time-ordered, so newest sorts last). */
    id: text('id').notNull(),
    chunk: integer('chunk').notNull(),
    /** How many chunks the snapshot has (on every row: a reader checks it got them all). */
    chunks: integer('chunks').notNull(),
    /** The content signature the snapshot reflects (`SearchIndex.version`). */
    version: text('version').notNull(),
    /** Engine format and encoding, e.g. `engine1+gzip+base64`; readers skip formats they do not know. */
    format: text('format').notNull(),
    /** Encoded size of the whole snapshot, in bytes. */
    bytes: integer('bytes').notNull(),
    data: text('data').notNull(),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.id, t.chunk] }), index('search_snapshots_created_idx').on(t.createdAt)],
);

export const searchState = sqliteTable('search_state', {
  /** `content`: bumped by triggers on articles and synonym_sets; `fts`: what the FTS5 index reflects. */
  key: text('key').primaryKey(),
  seq: integer('seq').notNull().default(0),
  /** For `fts`: the latest article `updated_at` (ms) already indexed. */
  cursor: integer('cursor').notNull().default(0),
  /** For `fts`: articles indexed and their terms in all (BM25 statistics for the re-scoring). */
  docs: integer('docs').notNull().default(0),
  terms: integer('terms').notNull().default(0),
});

export const searchFtsDocs = sqliteTable('search_fts_docs', {
  /** The article's rowid in `search_fts` (an alias of SQLite's rowid: stable across VACUUM). */
  doc: integer('doc').primaryKey(),
  articleId: text('article_id').notNull().unique(),
  /** The article's `updated_at` when it was indexed: a row is re-indexed only when this differs. */
  updatedAt: timestamp('updated_at').notNull(),
  /** Terms indexed (phrasings + body), for BM25 length normalisation in the re-scoring. */
  length: integer('length').notNull(),
});

export type SearchSnapshotRow = typeof searchSnapshots.$inferSelect;

/**
 * Embedding vectors of published articles for semantic re-ranking (optional: only written when
 * an embedding model is configured, search.semantic.ts). One row per article part (title,
 * alternate questions, body passages) and model; `text_hash` tells whether the part changed
 * since it was embedded, so an edit re-embeds only the parts it touched.
 */
export const articleVectors = sqliteTable(
  'article_vectors',
  {
    articleId: text('article_id').notNull(),
    /** The embedding model's name: vectors of different models are never compared. */
    model: text('model').notNull(),
    /** 0: title, then alternate questions, then body passages. */
    part: integer('part').notNull(),
    textHash: text('text_hash').notNull(),
    dims: integer('dims').notNull(),
    /** Float32 little-endian, base64 (portable across libSQL, Turso and D1). */
    vector: text('vector').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.model, t.part] }), index('article_vectors_model_idx').on(t.model, t.updatedAt)],
);
