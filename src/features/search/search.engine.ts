/**
 * The in-memory search engine (public entry): two indexes plus the scoring that turns their
 * matches into ranked articles with a calibrated confidence. Pure: no database, no clock.
 *
 * Two indexes:
 * - the article index: one document per article, all its text in one field scored with BM25+.
 *   One field, not a sum of per-field scores: a short field (a title shared by several passages)
 *   saturates BM25's term-frequency part and outweighs the body that actually answers. Bodies
 *   hold most postings, so this index is a compact typed-array one (search.postings.ts), with
 *   minisearch's radix tree as its Latin term dictionary (fuzzy and prefix lookups) and
 *   minisearch's BM25+ formula and fuzzy/prefix weights (search.query.ts).
 * - the phrasings (search.phrasings.ts): one entry per distinct way of asking
 *   (the title and each alternate question; identical phrasings of several articles are indexed
 *   once and point to all of them) with its term-id lists, word terms only, Han text as bigrams only
 *   (`tokenizePhrasing`: single characters are in a large share of phrasings, slow every query
 *   and barely discriminate; the article index keeps them). Character trigrams (inflections,
 *   typos, function words) only re-score phrasings of articles that some word term already
 *   matched: an article is never a result through trigrams alone (search.phrasingscores.ts).
 *   An FAQ is found by its phrasings closest to the query (k nearest neighbours voting), not by
 *   the average of all of them (search.rank.ts).
 * Per-query state lives in typed arrays; document frequencies, length norms and filter masks
 * are cached until the next upsert/remove. A removed phrasing's terms leave the counts at once,
 * so a live engine and one restored by `fromJSON` (search.snapshot.ts) score identically.
 * Each index's score is divided by the query's self-score (what a perfect match would get), so
 * both land on a comparable 0–1 scale; the blend ranks, and the same scale serves as confidence.
 */
import type { Options } from 'minisearch';
import { ArticleTable } from './search.articles.js';
import { PhrasingScores } from './search.phrasingscores.js';
import { OWNER_SLOTS, PhrasingStore } from './search.phrasings.js';
import { PostingIndex } from './search.postings.js';
import { ArticleScores, expander, fuzzyFor, prefixFor } from './search.query.js';
import { rank } from './search.rank.js';
import { decodeSnapshot, encodeSnapshot, type SearchEngineSnapshot } from './search.snapshot.js';
import { rawTokens, tokenize, tokenizePhrasing } from './search.text.js';

export type { SearchEngineSnapshot } from './search.snapshot.js';

export type IndexableArticle = {
  id: string;
  locale: string;
  category: string;
  kind: string;
  audience: string;
  title: string;
  summary: string;
  /** Plain text (markdown already stripped). */
  body: string;
  questions: string[];
  tags: string[];
};

export type SearchFilter = {
  locale?: string | undefined;
  category?: string | undefined;
  kind?: string | undefined;
  /** Audiences the caller may see; anonymous callers pass ['public']. */
  audiences: readonly string[];
};

export type RankingOptions = {
  /** Boosts of the article index's fields (one combined field, `text`). */
  boost: Record<string, number>;
  /** Weight of the phrasing score against the whole-article score. */
  phrasingWeight: number;
  /** How many of an article's best phrasings add up (like k nearest neighbours voting). */
  phrasingTopK: number;
  /** Weight of the 2nd..k-th phrasing relative to the best one. */
  phrasingTailWeight: number;
  bm25: { k: number; b: number; d: number };
  /** Fuzzy matching for Latin terms of at least this many characters (0 disables). */
  fuzzyMinLength: number;
  /** Prefix matching for the last query word (as you type). */
  prefixLastTerm: boolean;
  /** Weight of the phrasings' character-trigram field against their word terms; 0 disables. */
  gramWeight: number;
};

export const DEFAULT_RANKING: RankingOptions = {
  boost: { text: 1 },
  phrasingWeight: 1,
  phrasingTopK: 5,
  phrasingTailWeight: 0.5,
  bm25: { k: 1.2, b: 0.7, d: 0.5 },
  fuzzyMinLength: 5,
  prefixLastTerm: true,
  gramWeight: 0.5,
};

type DocFields = { id: string; text: string; locale: string; category: string; kind: string; audience: string };

const matchOptions = (r: RankingOptions) => ({
  bm25: r.bm25,
  fuzzy: fuzzyFor(r.fuzzyMinLength),
  prefix: prefixFor(r.prefixLastTerm),
  weights: { fuzzy: 0.35, prefix: 0.5 },
});

/** The article's searchable text, as indexed in the `text` field. */
const articleText = (a: IndexableArticle) => [a.title, ...a.questions, a.summary, ...a.tags, a.body].join('\n');

/** minisearch options for the article index; the same object builds and reloads it. */
export function docIndexOptions(r: RankingOptions = DEFAULT_RANKING): Options<DocFields> {
  return {
    fields: ['text'],
    storeFields: ['locale', 'category', 'kind', 'audience'],
    tokenize,
    processTerm: (term) => term,
    searchOptions: { boost: r.boost, ...matchOptions(r) },
  };
}

export type RankedArticle = {
  id: string;
  /** Blended, query-normalised score, clamped to 0–1. */
  score: number;
  /** The same blend unclamped: what the ranking sorts on, and what margins between results use. */
  relevance: number;
  /** Share of the query's weight the article's best phrasing matches (0–1). */
  phrasingMatch: number;
  /** Share of the query's weight the article as a whole matches (0–1). */
  articleMatch: number;
  /** Index of the best-matching phrasing: 0 is the title, 1.. the alternate questions. */
  bestPhrasing: number;
  /** Share of the semantic similarity, when semantic re-ranking ran (search.semantic.ts). */
  semanticMatch?: number;
  /** Query terms that matched, and in which fields (for snippets and explain). */
  match: Record<string, string[]>;
  queryTerms: string[];
};

export class SearchEngine {
  readonly ranking: RankingOptions;
  /** Whole-article index (compact, typed arrays). */
  private docs = new PostingIndex();
  private table = new ArticleTable();
  /** Distinct phrasings (minisearch), word terms only. */
  private store: PhrasingStore;

  constructor(ranking: RankingOptions = DEFAULT_RANKING) {
    this.ranking = ranking;
    this.store = new PhrasingStore();
  }

  get size(): number {
    return this.table.num.size;
  }

  has(id: string): boolean {
    return this.table.num.has(id);
  }

  /** Adds or replaces one article. */
  upsert(article: IndexableArticle): void {
    if (this.table.num.has(article.id)) this.remove(article.id);
    const doc = this.docs.allocate();
    this.table.add(doc, article.id, article);
    this.docs.add(doc, tokenize(articleText(article)));
    const phrasings = [article.title, ...article.questions].slice(0, OWNER_SLOTS);
    this.table.phrasings.set(
      doc,
      phrasings.map((text, i) => this.store.add(rawTokens(text).join(' '), doc * OWNER_SLOTS + i)),
    );
  }

  remove(id: string): void {
    const doc = this.table.num.get(id);
    if (doc === undefined) return;
    this.docs.remove(doc);
    Array.from(this.table.phrasings.get(doc)).forEach((p, i) => this.store.release(p, doc * OWNER_SLOTS + i));
    this.table.remove(id);
  }

  /** Articles matching the query, best first (search.rank.ts describes how). */
  search(query: string, filter: SearchFilter, limit = 10): RankedArticle[] {
    const words = tokenize(query);
    if (words.length === 0 || limit <= 0) return [];
    const r = this.ranking;
    const keep = this.table.keepMask(filter, this.docs);
    const expand = expander(this.docs);
    const articles = new ArticleScores(this.docs, words, r, keep, expand);
    const phrasings = new PhrasingScores(this.store, query, r, expand);
    return rank({ table: this.table, store: this.store, articles, phrasings, keep, ranking: r }, limit);
  }

  /** A plain, JSON-serialisable snapshot; `SearchEngine.fromJSON` restores an equivalent engine. */
  toJSON(): SearchEngineSnapshot {
    return encodeSnapshot(this.docs, this.table, this.store);
  }

  static fromJSON(snapshot: SearchEngineSnapshot, ranking: RankingOptions = DEFAULT_RANKING): SearchEngine {
    const e = new SearchEngine(ranking);
    e.docs = decodeSnapshot(snapshot, e.table, e.store);
    return e;
  }
}
