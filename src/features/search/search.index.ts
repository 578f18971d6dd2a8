/**
 * The live search index of one process or isolate: the engine, the few article fields a result
 * shows, the synonym sets, and the content version it reflects.
 *
 * The version is a signature of the articles and synonyms tables (row count and latest update),
 * cheap to read with one query. In-process changes are applied at once (`apply`); changes made
 * by another process (a `kb:import`, another isolate) are picked up by `refresh`, which checks
 * the signature at most once per `checkIntervalMs` and then loads only the rows changed since.
 */
import { and, count, eq, gte, max } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { articles, synonymSets, type ArticleRow } from '../../db/schema/index.js';
import { markdownToText } from '../../lib/markdown.js';
import { SearchEngine, type RankingOptions } from './search.engine.js';
import { compileSynonyms, type CompiledSynonyms } from './search.synonyms.js';

export type ArticleMeta = Pick<ArticleRow, 'id' | 'slug' | 'locale' | 'title' | 'summary' | 'category' | 'kind' | 'audience' | 'questions'>;

type Signature = { articles: number; articlesAt: number; synonyms: number; synonymsAt: number };

const signatureKey = (s: Signature) => `${s.articles}.${s.articlesAt}.${s.synonyms}.${s.synonymsAt}`;

async function readSignature(db: Db): Promise<Signature> {
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

export type SearchIndexOptions = { ranking?: RankingOptions; checkIntervalMs?: number };

export class SearchIndex {
  engine: SearchEngine;
  readonly meta = new Map<string, ArticleMeta>();
  synonyms: CompiledSynonyms = compileSynonyms([]);
  private signature: Signature = { articles: 0, articlesAt: 0, synonyms: 0, synonymsAt: 0 };
  private lastCheck = 0;
  private readonly checkIntervalMs: number;
  private readonly ranking: RankingOptions | undefined;

  constructor(options: SearchIndexOptions = {}) {
    this.ranking = options.ranking;
    this.engine = new SearchEngine(options.ranking);
    this.checkIntervalMs = options.checkIntervalMs ?? 1000;
  }

  /** The content version this index reflects; another process compares it to tell staleness. */
  get version(): string {
    return signatureKey(this.signature);
  }

  /** Builds an index of every published article in the database. */
  static async build(db: Db, options: SearchIndexOptions = {}): Promise<SearchIndex> {
    const index = new SearchIndex(options);
    await index.reload(db);
    return index;
  }

  /** Adds, updates or removes one article after an in-process change. */
  apply(row: ArticleRow): void {
    if (row.status !== 'published') {
      this.engine.remove(row.id);
      this.meta.delete(row.id);
      return;
    }
    this.engine.upsert({
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
    });
    const { id, slug, locale, title, summary, category, kind, audience, questions } = row;
    this.meta.set(id, { id, slug, locale, title, summary, category, kind, audience, questions });
  }

  /**
   * Brings the index up to date with the database when its signature changed. Cheap when
   * nothing changed (one small query, at most once per interval); `force` skips the interval.
   * Returns true when anything was reloaded.
   */
  async refresh(db: Db, nowMs: number, options: { force?: boolean } = {}): Promise<boolean> {
    if (!options.force && nowMs - this.lastCheck < this.checkIntervalMs) return false;
    this.lastCheck = nowMs;
    const next = await readSignature(db);
    if (signatureKey(next) === this.version && !options.force) return false;
    const synonymsChanged = next.synonyms !== this.signature.synonyms || next.synonymsAt !== this.signature.synonymsAt;
    if (synonymsChanged || options.force) {
      this.synonyms = compileSynonyms(await db.select().from(synonymSets));
    }
    if (next.articles < this.signature.articles) {
      // Rows were deleted: rare (articles are archived, not deleted), so rebuild from scratch.
      await this.reload(db);
      return true;
    }
    if (next.articles !== this.signature.articles || next.articlesAt !== this.signature.articlesAt) {
      const since = new Date(this.signature.articlesAt);
      for (const row of await db.select().from(articles).where(gte(articles.updatedAt, since))) this.apply(row);
    }
    this.signature = next;
    return true;
  }

  private async reload(db: Db): Promise<void> {
    const signature = await readSignature(db);
    const [rows, sets] = await db.batch([
      db.select().from(articles).where(and(eq(articles.status, 'published'))),
      db.select().from(synonymSets),
    ]);
    this.engine = new SearchEngine(this.ranking);
    this.meta.clear();
    for (const row of rows) this.apply(row);
    this.synonyms = compileSynonyms(sets);
    this.signature = signature;
  }
}
