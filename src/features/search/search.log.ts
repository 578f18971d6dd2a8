/** Search analytics: what people searched, what they found, what they clicked. */
import { and, count, desc, eq, gt, gte, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { searchLog } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { AppError } from '../../lib/errors.js';
import { redactPersonalData } from '../../lib/redact.js';

export type SearchLogEntry = {
  id: string;
  query: string;
  locale: string | null;
  audience: 'public' | 'staff';
  source: 'search' | 'bot';
  resultCount: number;
  topIds: string[];
  topScore: number | null;
  tookMs: number;
  conversationId?: string | null;
};

/** The form a query is counted under: redacted, lower-case, single spaces, no edge punctuation. */
export function normalizeLoggedQuery(query: string): string {
  const tidy = query
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '');
  return redactPersonalData(tidy).slice(0, 200);
}

export async function logSearch(deps: Pick<Deps, 'db' | 'clock'>, entry: SearchLogEntry): Promise<void> {
  await deps.db.insert(searchLog).values({ ...entry, query: normalizeLoggedQuery(entry.query), at: deps.clock.now() });
}

/** Records that the result `articleId` of search `queryId` was opened. */
export async function recordClick(deps: Pick<Deps, 'db' | 'clock'>, queryId: string, articleId: string): Promise<void> {
  const [row] = await deps.db
    .update(searchLog)
    .set({ clickedArticleId: articleId, clickedAt: deps.clock.now() })
    .where(eq(searchLog.id, queryId))
    .returning({ id: searchLog.id });
  if (!row) {
    throw new AppError('not_found', `search: no search ${queryId} (it may be older than the retention period)`, {
      errors: [{ path: 'body.query_id', message: 'Unknown search' }],
    });
  }
}

/** Popular past customer queries that start with `prefix` (only those seen at least `minCount` times). */
export async function popularCompletions(db: Db, prefix: string, locale: string | undefined, limit: number, minCount = 3) {
  const p = normalizeLoggedQuery(prefix);
  if (!p) return [];
  const conditions: SQL[] = [
    gte(searchLog.query, p),
    lt(searchLog.query, `${p}\uffff`),
    eq(searchLog.audience, 'public'),
    // Help-center searches only: chat messages are never offered to other customers.
    eq(searchLog.source, 'search'),
    gt(searchLog.resultCount, 0),
  ];
  if (locale) conditions.push(eq(searchLog.locale, locale));
  const rows = await db
    .select({ query: searchLog.query, n: count() })
    .from(searchLog)
    .where(and(...conditions))
    .groupBy(searchLog.query)
    .having(({ n }) => gte(n, minCount))
    .orderBy(({ n }) => desc(n))
    .limit(limit);
  return rows.map((r) => r.query);
}

export type ReportRange = { from: Date; to: Date; locale?: string | undefined; limit: number };

/** Top queries, zero-result queries and queries nobody clicked, for editors. */
export async function searchReport(db: Db, range: ReportRange) {
  const base: SQL[] = [gte(searchLog.at, range.from), lt(searchLog.at, range.to), eq(searchLog.source, 'search')];
  if (range.locale) base.push(eq(searchLog.locale, range.locale));
  const where = (...extra: SQL[]) => and(...base, ...extra);
  const clicks = sql<number>`sum(case when ${searchLog.clickedArticleId} is not null then 1 else 0 end)`;
  const [totals, top, zero, noClick] = await db.batch([
    db
      .select({ searches: count(), zero: sql<number>`sum(case when ${searchLog.resultCount} = 0 then 1 else 0 end)`, clicks })
      .from(searchLog)
      .where(where()),
    db
      .select({ query: searchLog.query, count: count(), clicks, avgResults: sql<number>`avg(${searchLog.resultCount})` })
      .from(searchLog)
      .where(where())
      .groupBy(searchLog.query)
      .orderBy(desc(count()), searchLog.query)
      .limit(range.limit),
    db
      .select({ query: searchLog.query, count: count() })
      .from(searchLog)
      .where(where(eq(searchLog.resultCount, 0)))
      .groupBy(searchLog.query)
      .orderBy(desc(count()), searchLog.query)
      .limit(range.limit),
    db
      .select({ query: searchLog.query, count: count() })
      .from(searchLog)
      .where(where(gt(searchLog.resultCount, 0), isNull(searchLog.clickedArticleId)))
      .groupBy(searchLog.query)
      .orderBy(desc(count()), searchLog.query)
      .limit(range.limit),
  ]);
  const t = totals[0];
  const searches = t?.searches ?? 0;
  return {
    totals: {
      searches,
      zero_result: Number(t?.zero ?? 0),
      with_click: Number(t?.clicks ?? 0),
      click_through_rate: searches ? Math.round((Number(t?.clicks ?? 0) / searches) * 1000) / 1000 : 0,
    },
    top_queries: top.map((r) => ({ query: r.query, count: r.count, clicks: Number(r.clicks), avg_results: Math.round(Number(r.avgResults) * 10) / 10 })),
    zero_result_queries: zero.map((r) => ({ query: r.query, count: r.count })),
    no_click_queries: noClick.map((r) => ({ query: r.query, count: r.count })),
  };
}

/** Deletes search-log rows older than `before`; returns how many. */
export async function purgeSearchLog(db: Db, before: Date): Promise<number> {
  const rows = await db.delete(searchLog).where(lt(searchLog.at, before)).returning({ id: searchLog.id });
  return rows.length;
}
