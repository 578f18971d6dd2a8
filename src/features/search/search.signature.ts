/**
 * The content version the search index reflects, and the cheap check that tells whether it moved.
 *
 * - The signature (row count and latest `updated_at` of articles and of synonym sets) names a
 *   version of the content: snapshots are tagged with it and `SearchIndex.version` exposes it.
 *   Counting rows reads the whole table (on D1 every row read is billed), so it is not read on
 *   every check:
 * - the change counter (`search_state.content`, bumped by triggers on every insert, update or
 *   delete of an article or synonym set; migration 0008) is one row. An index reads it at most
 *   once per interval and reads the signature only when it moved.
 */
import { count, eq, max, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { articles, searchState, synonymSets } from '../../db/schema/index.js';

export type Signature = {
  articles: number;
  articlesAt: number;
  synonyms: number;
  synonymsAt: number;
  /**
   * Articles whose `updated_at` is exactly `articlesAt` (not part of the key). A catch-up reads
   * rows changed after `articlesAt`, and those at `articlesAt` only when this number moved: an
   * import writes thousands of rows with one timestamp, which must not be re-read every time.
   */
  tie: number;
};

export const EMPTY_SIGNATURE: Signature = { articles: 0, articlesAt: 0, synonyms: 0, synonymsAt: 0, tie: -1 };

export const signatureKey = (s: Signature) => `${s.articles}.${s.articlesAt}.${s.synonyms}.${s.synonymsAt}`;

/** The signature a key names (its tie unknown), or null for a key this code did not write. */
export function parseSignature(key: string, tie = -1): Signature | null {
  const parts = key.split('.').map(Number);
  if (parts.length !== 4 || parts.some((n) => !Number.isSafeInteger(n) || n < 0)) return null;
  const [a, at, s, sAt] = parts as [number, number, number, number];
  return { articles: a, articlesAt: at, synonyms: s, synonymsAt: sAt, tie };
}

/** The signature's three queries, to run in a batch with others (`toSignature` reads their results). */
export const signatureQueries = (db: Db) =>
  [
    db.select({ n: count(), at: max(articles.updatedAt) }).from(articles),
    db.select({ n: count(), at: max(synonymSets.updatedAt) }).from(synonymSets),
    db.select({ n: count() }).from(articles).where(eq(articles.updatedAt, sql`(select max(${articles.updatedAt}) from ${articles})`)),
  ] as const;

type Aggregate = { n: number; at?: Date | null }[];

export function toSignature(a: Aggregate, s: Aggregate, t: Aggregate): Signature {
  return {
    articles: a[0]?.n ?? 0,
    articlesAt: a[0]?.at?.getTime() ?? 0,
    synonyms: s[0]?.n ?? 0,
    synonymsAt: s[0]?.at?.getTime() ?? 0,
    tie: t[0]?.n ?? 0,
  };
}

export async function readSignature(db: Db): Promise<Signature> {
  const [a, s, t] = await db.batch(signatureQueries(db));
  return toSignature(a, s, t);
}

/** The change counter's query: it moves on every write to articles or synonym sets (one indexed row). */
export const changeCounterQuery = (db: Db) => db.select({ seq: searchState.seq }).from(searchState).where(eq(searchState.key, 'content'));

/** The change counter, or null when its row is missing (then every check reads the signature). */
export async function readChangeCounter(db: Db): Promise<number | null> {
  const [row] = await changeCounterQuery(db);
  return row?.seq ?? null;
}
