/**
 * The one interface the search index uses over its two backends (docs/scaling.md):
 * - `memory`: the in-process engine (search.engine.ts), loaded from a snapshot or built from the
 *   articles; the best quality and sub-millisecond queries, but its heap grows with the
 *   knowledge base and an isolate has 128 MB.
 * - `fts5`: SQLite FTS5 in the database (libSQL or D1), filled with the app's own terms and
 *   re-scored in JS (search.fts.ts); almost nothing on the heap, any size.
 * `auto` picks memory up to `AUTO_FTS5_ABOVE` published articles, FTS5 above (decided when the
 * index first loads; a restart picks again).
 */
import type { Db } from '../../db/client.js';
import type { ArticleRow } from '../../db/schema/index.js';
import type { RankedArticle, SearchFilter } from './search.engine.js';

export const BACKEND_SETTINGS = ['memory', 'fts5', 'auto'] as const;
export type BackendSetting = (typeof BACKEND_SETTINGS)[number];
export type BackendKind = Exclude<BackendSetting, 'auto'>;

/**
 * Published articles above which `auto` serves from FTS5. Loading a snapshot peaks at about
 * twice the final index memory: 38 MB at 5k realistic articles, 73 MB at 10k, 112 MB at 15k,
 * 145 MB at 20k (docs/scaling.md, `scripts/bench-scale.ts`). A Worker isolate has 128 MB for
 * everything, the app included, so the memory engine is chosen only while that stays well under.
 */
export const AUTO_FTS5_ABOVE = 10_000;

export type BackendResult = {
  ranked: RankedArticle[];
  /** How many articles matched (may be capped: memory counts up to `limit`, FTS5 up to 1000). */
  total: number;
};

export type SearchBackend = {
  readonly kind: BackendKind;
  /** Articles the index holds (FTS5: as of the last sync). */
  readonly size: number;
  /** True while the index still lags the database after a bounded catch-up (FTS5 backlog). */
  readonly behind: boolean;
  /** Field boosts, for `explain`. */
  readonly boosts: Record<string, number>;
  /** An in-process change, applied at once where the backend holds the index itself. */
  apply(row: ArticleRow): void;
  /** Rebuilds from every published article. */
  rebuild(db: Db): Promise<void>;
  /** Applies the articles changed since `since` (`tie`: see `Signature.tie`); returns how many rows it read. */
  catchUp(db: Db, since: Date, tie?: number): Promise<number>;
  /** At least the best `limit` articles, best first (memory ranks up to 1000 to count them). */
  search(db: Db, query: string, filter: SearchFilter, limit: number): Promise<BackendResult>;
};

/** The backend a setting means for a knowledge base of `published` articles. */
export function chooseBackend(setting: BackendSetting, published: number, threshold = AUTO_FTS5_ABOVE): BackendKind {
  if (setting !== 'auto') return setting;
  return published > threshold ? 'fts5' : 'memory';
}
