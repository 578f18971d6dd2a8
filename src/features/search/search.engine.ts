/**
 * The in-memory search engine: minisearch indexes plus the scoring that turns their matches
 * into ranked articles with a calibrated confidence. Pure: no database, no clock.
 *
 * Two indexes share one tokenizer:
 * - `docs`: one document per article (title, questions, summary, tags, body), BM25+ per field.
 * - `phrasings`: one document per way of asking (the title and each alternate question). An FAQ
 *   is found by the phrasing closest to the query, not by the average of all of them.
 * Each index's score is divided by the query's self-score (what a perfect match would get), so
 * both land on a comparable 0–1 scale; the blend ranks, and the same scale serves as confidence.
 */
import MiniSearch, { type Options, type SearchResult } from 'minisearch';
import { isHanTerm, tokenize } from './search.text.js';

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
  /** Per-field boosts of the article index. */
  boost: Record<string, number>;
  /** Weight of the best phrasing against the whole-article score. */
  phrasingWeight: number;
  /** How many of an article's best phrasings add up (like k nearest neighbours voting). */
  phrasingTopK: number;
  /** Weight of the 2nd..k-th phrasing relative to the best one. */
  phrasingTailWeight: number;
  bm25: { k: number; b: number; d: number };
  /** Fuzzy matching for Latin terms of at least this many characters (0 disables). */
  fuzzyMinLength: number;
  /** Prefix matching for the last query term (as you type). */
  prefixLastTerm: boolean;
};

export const DEFAULT_RANKING: RankingOptions = {
  boost: { title: 2, questions: 1.5, summary: 1, tags: 1, body: 0.6 },
  phrasingWeight: 1,
  phrasingTopK: 3,
  phrasingTailWeight: 0.3,
  bm25: { k: 1.2, b: 0.7, d: 0.5 },
  fuzzyMinLength: 5,
  prefixLastTerm: true,
};

type DocFields = Omit<IndexableArticle, 'questions' | 'tags'> & { questions: string; tags: string };
type PhrasingFields = { id: string; articleId: string; text: string; locale: string; category: string; kind: string; audience: string };

const STORE = ['locale', 'category', 'kind', 'audience'];

const fuzzyFor = (minLength: number) => (term: string) =>
  minLength > 0 && !isHanTerm(term) && term.length >= minLength ? (term.length >= 8 ? 2 : 1) : false;
const prefixFor = (enabled: boolean) => (term: string, i: number, terms: string[]) =>
  enabled && i === terms.length - 1 && !isHanTerm(term) && term.length >= 3;

/** minisearch options for the article index; the same object builds and reloads it. */
export function docIndexOptions(r: RankingOptions = DEFAULT_RANKING): Options<DocFields> {
  return {
    fields: ['title', 'questions', 'summary', 'tags', 'body'],
    storeFields: STORE,
    tokenize,
    processTerm: (term) => term,
    searchOptions: { boost: r.boost, bm25: r.bm25, fuzzy: fuzzyFor(r.fuzzyMinLength), prefix: prefixFor(r.prefixLastTerm), weights: { fuzzy: 0.35, prefix: 0.5 } },
  };
}

export function phrasingIndexOptions(r: RankingOptions = DEFAULT_RANKING): Options<PhrasingFields> {
  return {
    fields: ['text'],
    storeFields: ['articleId', ...STORE],
    tokenize,
    processTerm: (term) => term,
    searchOptions: { bm25: r.bm25, fuzzy: fuzzyFor(r.fuzzyMinLength), prefix: prefixFor(r.prefixLastTerm), weights: { fuzzy: 0.35, prefix: 0.5 } },
  };
}

export type RankedArticle = {
  id: string;
  /** Blended, query-normalised score used for ranking. */
  score: number;
  /** Share of the query's weight the article's best phrasing matches (0–1). */
  phrasingMatch: number;
  /** Share of the query's weight the article as a whole matches (0–1). */
  articleMatch: number;
  /** Index of the best-matching phrasing: 0 is the title, 1.. the alternate questions. */
  bestPhrasing: number;
  /** Query terms that matched, and in which fields (for snippets and explain). */
  match: Record<string, string[]>;
  queryTerms: string[];
};

/** Document frequencies kept beside an index, for the query self-score. */
class TermStats {
  private df = new Map<string, number>();
  docs = 0;
  totalLength = 0;

  add(terms: string[]) {
    this.docs++;
    this.totalLength += terms.length;
    for (const t of new Set(terms)) this.df.set(t, (this.df.get(t) ?? 0) + 1);
  }

  remove(terms: string[]) {
    this.docs--;
    this.totalLength -= terms.length;
    for (const t of new Set(terms)) {
      const n = (this.df.get(t) ?? 0) - 1;
      if (n > 0) this.df.set(t, n);
      else this.df.delete(t);
    }
  }

  /** BM25+ score the query would get against a document that is exactly the query. */
  selfScore(queryTerms: string[], bm25: RankingOptions['bm25'], boost = 1): number {
    const avg = this.docs > 0 ? this.totalLength / this.docs : 1;
    const len = queryTerms.length;
    let score = 0;
    for (const t of queryTerms) {
      const df = Math.max(1, this.df.get(t) ?? 1);
      const idf = Math.log(1 + (Math.max(this.docs, 1) - df + 0.5) / (df + 0.5));
      score += idf * (bm25.d + (bm25.k + 1) / (1 + bm25.k * (1 - bm25.b + (bm25.b * len) / avg)));
    }
    return score * boost;
  }
}

export class SearchEngine {
  readonly ranking: RankingOptions;
  private docs: MiniSearch<DocFields>;
  private phrasings: MiniSearch<PhrasingFields>;
  private phrasingStats = new TermStats();
  private docStats = new TermStats();
  /** Phrasing ids and token lists per article, to remove them and to keep the stats exact. */
  private articlePhrasings = new Map<string, string[][]>();
  private articleTokens = new Map<string, string[]>();

  constructor(ranking: RankingOptions = DEFAULT_RANKING) {
    this.ranking = ranking;
    this.docs = new MiniSearch(docIndexOptions(ranking));
    this.phrasings = new MiniSearch(phrasingIndexOptions(ranking));
  }

  get size(): number {
    return this.docs.documentCount;
  }

  has(id: string): boolean {
    return this.docs.has(id);
  }

  /** Adds or replaces one article. */
  upsert(article: IndexableArticle): void {
    if (this.docs.has(article.id)) this.remove(article.id);
    const doc: DocFields = { ...article, questions: article.questions.join('\n'), tags: article.tags.join(' ') };
    this.docs.add(doc);
    const docTokens = tokenize([doc.title, doc.questions, doc.summary, doc.tags, doc.body].join('\n'));
    this.docStats.add(docTokens);
    this.articleTokens.set(article.id, docTokens);
    const texts = [article.title, ...article.questions];
    const phrasingTokens: string[][] = [];
    texts.forEach((text, i) => {
      const { locale, category, kind, audience } = article;
      this.phrasings.add({ id: `${article.id}#${i}`, articleId: article.id, text, locale, category, kind, audience });
      const tokens = tokenize(text);
      this.phrasingStats.add(tokens);
      phrasingTokens.push(tokens);
    });
    this.articlePhrasings.set(article.id, phrasingTokens);
  }

  remove(id: string): void {
    if (!this.docs.has(id)) return;
    this.docs.discard(id);
    this.docStats.remove(this.articleTokens.get(id) ?? []);
    this.articleTokens.delete(id);
    const phrasings = this.articlePhrasings.get(id) ?? [];
    phrasings.forEach((tokens, i) => {
      this.phrasings.discard(`${id}#${i}`);
      this.phrasingStats.remove(tokens);
    });
    this.articlePhrasings.delete(id);
  }

  /** Articles matching the query, best first. */
  search(query: string, filter: SearchFilter, limit = 10): RankedArticle[] {
    const terms = tokenize(query);
    if (terms.length === 0) return [];
    const r = this.ranking;
    const keep = (result: SearchResult) =>
      filter.audiences.includes(result.audience) &&
      (!filter.locale || result.locale === filter.locale) &&
      (!filter.category || result.category === filter.category) &&
      (!filter.kind || result.kind === filter.kind);

    const docSelf = this.docStats.selfScore(terms, r.bm25, Math.max(...Object.values(r.boost))) * terms.length;
    const phrasingSelf = this.phrasingStats.selfScore(terms, r.bm25) * terms.length;

    const byArticle = new Map<string, RankedArticle & { phrasingScores: number[] }>();
    const entry = (id: string) => {
      let e = byArticle.get(id);
      if (!e) {
        e = { id, score: 0, phrasingMatch: 0, articleMatch: 0, bestPhrasing: -1, match: {}, queryTerms: [], phrasingScores: [] };
        byArticle.set(id, e);
      }
      return e;
    };
    for (const hit of this.docs.search(query, { filter: keep })) {
      const e = entry(String(hit.id));
      e.articleMatch = Math.min(1, hit.score / docSelf);
      e.match = hit.match;
      e.queryTerms = hit.queryTerms;
    }
    for (const hit of this.phrasings.search(query, { filter: keep })) {
      const e = entry(String(hit.articleId));
      const s = Math.min(1, hit.score / phrasingSelf);
      e.phrasingScores.push(s);
      if (s > e.phrasingMatch) {
        e.phrasingMatch = s;
        e.bestPhrasing = Number(String(hit.id).split('#').pop());
      }
    }
    const ranked: RankedArticle[] = [];
    for (const e of byArticle.values()) {
      const top = e.phrasingScores.sort((a, b) => b - a).slice(0, r.phrasingTopK);
      const phrasing = (top[0] ?? 0) + r.phrasingTailWeight * top.slice(1).reduce((a, b) => a + b, 0);
      const { phrasingScores: _unused, ...rest } = e;
      ranked.push({ ...rest, score: (e.articleMatch + r.phrasingWeight * phrasing) / (1 + r.phrasingWeight) });
    }
    ranked.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    return ranked.slice(0, limit);
  }
}
