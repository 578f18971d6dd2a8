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
import { count, eq, max } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { articles, searchState, synonymSets } from '../../db/schema/index.js';

export type Signature = { articles: number; articlesAt: number; synonyms: number; synonymsAt: number };

export const EMPTY_SIGNATURE: Signature = { articles: 0, articlesAt: 0, synonyms: 0, synonymsAt: 0 };

export const signatureKey = (s: Signature) => `${s.articles}.${s.articlesAt}.${s.synonyms}.${s.synonymsAt}`;

/** The signature a key names, or null for a key this code did not write. */
export function parseSignature(key: string): Signature | null {
  const parts = key.split('.').map(Number);
  if (parts.length !== 4 || parts.some((n) => !Number.isSafeInteger(n) || n < 0)) return null;
  const [a, at, s, sAt] = parts as [number, number, number, number];
  return { articles: a, articlesAt: at, synonyms: s, synonymsAt: sAt };
}

export async function readSignature(db: Db): Promise<Signature> {
  const [a, s] = await db.batch([
    db.select({ n: count(), at: max(articles.updatedAt) }).from(articles),
    db.select({ n: count(), at: max(synonymSets.updatedAt) }).from(synonymSets),
  ]);
  return {
    articles: a[0]?.n ?? 0,
    articlesAt: a[0]?.at?.getTime() ?? 0,
    synonyms: s[0]?.n ?? 0,
    synonymsAt: s[0]?.at?.getTime() ?? 0,
  };
}

/** The change counter: moves on every write to articles or synonym sets (one indexed row). */
export async function readChangeCounter(db: Db): Promise<number> {
  const [row] = await db.select({ seq: searchState.seq }).from(searchState).where(eq(searchState.key, 'content'));
  return row?.seq ?? 0;
}
