/**
 * Keeps the FTS5 index (`search_fts`, `search_fts_docs`) in line with the articles table.
 *
 * The index lives in the database, shared by every isolate, so there is no writer to trust:
 * whoever notices that it lags (`search_state.fts.seq` behind the change counter) brings it up
 * to date, from the articles table itself. Every step is idempotent (an article is re-indexed
 * only when its `updated_at` differs from the one indexed, each article's rows are written in
 * one batch), so two isolates syncing at once do the same work twice but never disagree.
 * - Incremental: articles changed at or after the cursor (the `updated_at` index), paged by
 *   (`updated_at`, id).
 * - Reconcile: when the published count and the indexed count differ (a row inserted with an
 *   old `updated_at`, a deleted row), a full comparison, a few batches at a time.
 * Statements per batch stay low: D1 counts each one against a Worker invocation's query limit.
 */
import { and, count, eq, isNotNull, isNull, ne, or, sql, sum, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../../db/client.js';
import { articles, searchFtsDocs, searchState, type ArticleRow } from '../../db/schema/index.js';
import { markdownToText } from '../../lib/markdown.js';
import { ftsDocument } from './search.fts.terms.js';

/** Articles written per batch by default (two statements each): D1 counts statements per Worker invocation. */
const BATCH = 25;

export type SyncOptions = {
  /** Batches at most per call; the rest waits for the next refresh. */
  maxBatches?: number;
  /** Articles per batch (a full rebuild on Node uses larger ones). */
  batch?: number;
};
export type SyncReport = { written: number; done: boolean };

function writeStatements(db: Db, row: ArticleRow): BatchItem<'sqlite'>[] {
  if (row.status !== 'published') {
    return [
      db.run(sql`DELETE FROM search_fts WHERE rowid IN (SELECT ${searchFtsDocs.doc} FROM ${searchFtsDocs} WHERE ${searchFtsDocs.articleId} = ${row.id})`),
      db.delete(searchFtsDocs).where(eq(searchFtsDocs.articleId, row.id)),
    ];
  }
  const doc = ftsDocument({ ...row, body: markdownToText(row.body) });
  return [
    db
      .insert(searchFtsDocs)
      .values({ articleId: row.id, updatedAt: row.updatedAt, length: doc.length })
      .onConflictDoUpdate({ target: searchFtsDocs.articleId, set: { updatedAt: row.updatedAt, length: doc.length } }),
    // Contentless-delete tables accept INSERT OR REPLACE by rowid: the old entry goes.
    db.run(
      sql`INSERT OR REPLACE INTO search_fts (rowid, phrasings, body, filters) SELECT ${searchFtsDocs.doc}, ${doc.phrasings}, ${doc.body}, ${doc.filters} FROM ${searchFtsDocs} WHERE ${searchFtsDocs.articleId} = ${row.id}`,
    ),
  ];
}

/** Runs statements as one batch (one transaction, one round trip). */
async function runBatch(db: Db, items: BatchItem<'sqlite'>[]): Promise<void> {
  const [first, ...rest] = items;
  if (first) await db.batch([first, ...rest]);
}

type Position = { at: Date; row: number };

/** SQLite's rowid of an article: the `updated_at` index orders equal timestamps by it. Only a paging key here. */
const rowid = sql<number>`"articles"."rowid"`;

/**
 * Articles whose index entry is missing, stale or should not exist, in (`updated_at`, rowid)
 * order after `after`: keyset paging along the `updated_at` index, so each batch starts where
 * the last one ended instead of scanning again past rows already synced (an import gives
 * thousands of rows one timestamp).
 */
function staleArticles(db: Db, after: Position, limit: number) {
  const stale = or(
    and(eq(articles.status, 'published'), or(isNull(searchFtsDocs.articleId), ne(searchFtsDocs.updatedAt, articles.updatedAt))),
    and(ne(articles.status, 'published'), isNotNull(searchFtsDocs.articleId)),
  );
  // A row-value comparison: SQLite walks the index from this key (an OR of two ranges it does not).
  const later = sql`(${articles.updatedAt}, ${rowid}) > (${after.at.getTime()}, ${after.row})`;
  const where: SQL | undefined = and(later, stale);
  return db
    .select({ article: articles, row: rowid })
    .from(articles)
    .leftJoin(searchFtsDocs, eq(searchFtsDocs.articleId, articles.id))
    .where(where)
    .orderBy(articles.updatedAt, rowid)
    .limit(limit);
}

/** Index entries whose article no longer exists. */
async function removeOrphans(db: Db, limit: number): Promise<number> {
  const orphans = await db
    .select({ doc: searchFtsDocs.doc })
    .from(searchFtsDocs)
    .leftJoin(articles, eq(articles.id, searchFtsDocs.articleId))
    .where(isNull(articles.id))
    .limit(limit);
  await runBatch(
    db,
    orphans.flatMap((o): BatchItem<'sqlite'>[] => [
      db.run(sql`DELETE FROM search_fts WHERE rowid = ${o.doc}`),
      db.delete(searchFtsDocs).where(eq(searchFtsDocs.doc, o.doc)),
    ]),
  );
  return orphans.length;
}

/** Brings the FTS5 index up to date when it lags the change counter. */
export async function syncFts(db: Db, options: SyncOptions = {}): Promise<SyncReport> {
  const state = new Map((await db.select().from(searchState)).map((r) => [r.key, r]));
  const target = state.get('content')?.seq ?? 0;
  const fts = state.get('fts');
  if (fts && fts.seq === target) return { written: 0, done: true };
  let budget = options.maxBatches ?? Number.POSITIVE_INFINITY;
  const size = options.batch ?? BATCH;
  let written = 0;
  let cursor = fts?.cursor ?? 0;
  const drain = async (from: Position) => {
    let after = from;
    while (budget > 0) {
      budget--;
      const page = await staleArticles(db, after, size);
      const rows = page.map((r) => r.article);
      await runBatch(db, rows.flatMap((row) => writeStatements(db, row)));
      written += rows.length;
      for (const r of rows) cursor = Math.max(cursor, r.updatedAt.getTime());
      const last = page[page.length - 1];
      if (page.length < size || !last) return true;
      after = { at: last.article.updatedAt, row: Number(last.row) };
    }
    return false;
  };
  // From just before the cursor's timestamp: rows at exactly that time may be new.
  const start: Position = { at: new Date(fts?.cursor ?? 0), row: -1 };
  if (!(await drain(start))) return { written, done: false };
  const [[published], [indexed]] = await db.batch([
    db.select({ n: count() }).from(articles).where(eq(articles.status, 'published')),
    db.select({ n: count() }).from(searchFtsDocs),
  ]);
  if ((published?.n ?? 0) !== (indexed?.n ?? 0)) {
    if (!(await drain({ at: new Date(-1), row: -1 }))) return { written, done: false };
    while (budget-- > 0 && (await removeOrphans(db, size)) === size);
    if (budget < 0) return { written, done: false };
  }
  await markSynced(db, target, cursor);
  return { written, done: true };
}

/** Records what the index now reflects, with its statistics (never moves the counter back). */
async function markSynced(db: Db, seq: number, cursor: number): Promise<void> {
  const totals = db.select({ docs: count(), terms: sum(searchFtsDocs.length) }).from(searchFtsDocs);
  const [t] = await totals;
  await db
    .update(searchState)
    .set({ seq, cursor: sql`max(${searchState.cursor}, ${cursor})`, docs: t?.docs ?? 0, terms: Number(t?.terms ?? 0) })
    .where(and(eq(searchState.key, 'fts'), sql`${searchState.seq} < ${seq}`));
}
