/**
 * The memory backend: the in-process engine (search.engine.ts) over the published articles,
 * built from the database or restored from a snapshot (search.snapshots.ts).
 */
import { eq, gte } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { articles, type ArticleRow } from '../../db/schema/index.js';
import { markdownToText } from '../../lib/markdown.js';
import type { BackendResult, SearchBackend } from './search.backend.js';
import { SearchEngine, type IndexableArticle, type RankingOptions, type SearchEngineSnapshot, type SearchFilter } from './search.engine.js';
import { decodeSnapshot, encodeSnapshot, listSnapshots, readSnapshotData } from './search.snapshots.js';
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

/** Matches counted for `total`. */
const COUNT_CAP = 1000;

export class MemoryBackend implements SearchBackend {
  readonly kind = 'memory' as const;
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

  async catchUp(db: Db, since: Date): Promise<number> {
    const rows = await db.select().from(articles).where(gte(articles.updatedAt, since));
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
   * reflects, or null when there is none (or none that decodes).
   */
  async loadSnapshot(db: Db): Promise<Signature | null> {
    for (const stored of await listSnapshots(db)) {
      const signature = parseSignature(stored.version);
      const data = signature ? await readSnapshotData(db, stored) : null;
      if (!signature || data === null) continue;
      this.engine = SearchEngine.fromJSON(await decodeSnapshot<SearchEngineSnapshot>(data), this.ranking);
      return signature;
    }
    return null;
  }

  /** The engine, serialised for `saveSnapshot`. */
  encode(): Promise<string> {
    return encodeSnapshot(this.engine.toJSON());
  }
}
