/**
 * The memory backend: the in-process engine (search.engine.ts) over the published articles,
 * built from the database or restored from a snapshot (search.snapshots.ts).
 */
import { count, eq, gt, gte } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { articles, type ArticleRow } from '../../db/schema/index.js';
import { markdownToText } from '../../lib/markdown.js';
import type { BackendResult, SearchBackend } from './search.backend.js';
import { SearchEngine, type IndexableArticle, type RankingOptions, type SearchEngineSnapshot, type SearchFilter } from './search.engine.js';
import { assemble, decodeSnapshot, encodeSnapshot, listSnapshots, readSnapshot, type EncodedSnapshot } from './search.snapshots.js';
import { parseSignature, type Signature } from './search.signature.js';

/** The engine's view of an article row. */
export function toIndexable(row: ArticleRow): IndexableArticle {
  return {
    id: row.id,
    locale: row.locale,
    category: row.category,
    kind: row.kind,
    audience: row.audience,
    title: row.title,
    summary: row.summary,
    body: markdownToText(row.body),
    questions: row.questions,
    tags: row.tags,
  };
}

/** What a stored snapshot holds: the engine, and `Signature.tie` of its version. */
type SnapshotPayload = { engine: SearchEngineSnapshot; tie: number };

/** Matches counted for `total`. */
const COUNT_CAP = 1000;

export class MemoryBackend implements SearchBackend {
  readonly kind = 'memory' as const;
  readonly behind = false;
  engine: SearchEngine;

  constructor(private readonly ranking?: RankingOptions) {
    this.engine = new SearchEngine(ranking);
  }

  get size(): number {
    return this.engine.size;
  }

  get boosts(): Record<string, number> {
    return this.engine.ranking.boost;
  }

  apply(row: ArticleRow): void {
    if (row.status !== 'published') this.engine.remove(row.id);
    else this.engine.upsert(toIndexable(row));
  }

  async rebuild(db: Db): Promise<void> {
    const rows = await db.select().from(articles).where(eq(articles.status, 'published'));
    const engine = new SearchEngine(this.ranking);
    for (const row of rows) engine.upsert(toIndexable(row));
    this.engine = engine;
  }

  /** Rows changed after `since`, and those at `since` when their number is not `tie` any more. */
  async catchUp(db: Db, since: Date, tie = -1): Promise<number> {
    const [at] = await db.select({ n: count() }).from(articles).where(eq(articles.updatedAt, since));
    const rows = await db
      .select()
      .from(articles)
      .where(at?.n === tie ? gt(articles.updatedAt, since) : gte(articles.updatedAt, since));
    for (const row of rows) this.apply(row);
    return rows.length;
  }

  /** Ranks up to 1000 (or `limit`) articles, so `total` counts matches up to 1000. */
  async search(_db: Db, query: string, filter: SearchFilter, limit: number): Promise<BackendResult> {
    const ranked = this.engine.search(query, filter, Math.max(limit, COUNT_CAP));
    return { ranked, total: ranked.length };
  }

  /**
   * Replaces the engine with the newest readable snapshot; returns the content version it
   * reflects, or null when there is none (or none that decodes). `newest`: the rows of
   * `newestSnapshotQuery`, already read in the caller's batch (an incomplete one falls back
   * to the older snapshots).
   */
  async loadSnapshot(db: Db, newest?: Parameters<typeof assemble>[0]): Promise<Signature | null> {
    if (newest && newest.length === 0) return null;
    const first = newest ? assemble(newest) : null;
    if (first && parseSignature(first.version)) return this.restore(first, first.version);
    for (const stored of await listSnapshots(db)) {
      if (stored.id === newest?.[0]?.id || !parseSignature(stored.version)) continue;
      const encoded = await readSnapshot(db, stored);
      if (encoded) return this.restore(encoded, stored.version);
    }
    return null;
  }

  private async restore(encoded: EncodedSnapshot, version: string): Promise<Signature | null> {
    const payload = await decodeSnapshot<SnapshotPayload>(encoded);
    this.engine = SearchEngine.fromJSON(payload.engine, this.ranking);
    return parseSignature(version, payload.tie);
  }

  /** The engine, serialised for `saveSnapshot`, with the tie count of the version it reflects. */
  encode(tie = -1): Promise<EncodedSnapshot> {
    const payload: SnapshotPayload = { engine: this.engine.toJSON(), tie };
    return encodeSnapshot(payload);
  }
}
