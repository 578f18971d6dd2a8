/**
 * The in-memory search engine: minisearch indexes plus the scoring that turns their matches
 * into ranked articles with a calibrated confidence. Pure: no database, no clock.
 *
 * Two indexes:
 * - the article index: one document per article, all its text in one field scored with BM25+.
 *   One field, not a sum of per-field scores: a short field (a title shared by several passages)
 *   saturates BM25's term-frequency part and outweighs the body that actually answers. Bodies
 *   hold most postings, so this index is a compact typed-array one (search.postings.ts), with
 *   minisearch's radix tree as its Latin term dictionary (fuzzy and prefix lookups) and
 *   minisearch's BM25+ formula and fuzzy/prefix weights.
 * - `phrasings` (minisearch): one document per distinct way of asking (the title and each
 *   alternate question; identical phrasings of several articles are indexed once and point to
 *   all of them), word terms only. Character trigrams (inflections, typos, function words) are
 *   kept per phrasing in typed arrays and only re-score phrasings of articles that some word
 *   term already matched: an article is never a result through trigrams alone.
 *   An FAQ is found by its phrasings closest to the query (k nearest neighbours voting), not by
 *   the average of all of them.
 * Each index's score is divided by the query's self-score (what a perfect match would get), so
 * both land on a comparable 0–1 scale; the blend ranks, and the same scale serves as confidence.
 */
import MiniSearch, { type Options } from 'minisearch';
import { PostingIndex, type PostingsSnapshot } from './search.postings.js';
import { charGrams, isGramTerm, isHanTerm, rawTokens, tokenize } from './search.text.js';

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
/** A distinct phrasing: its number and its normalised tokens joined by spaces. */
type PhrasingFields = { id: number; text: string };

const STORE = ['locale', 'category', 'kind', 'audience'];

const isWordLike = (term: string) => !isHanTerm(term) && !isGramTerm(term);
const fuzzyFor = (minLength: number) => (term: string) =>
  minLength > 0 && isWordLike(term) && term.length >= minLength ? (term.length >= 8 ? 2 : 1) : false;
/** Prefix matching for the last word of the query (its trigrams come after the words). */
const prefixFor = (enabled: boolean) => (term: string, i: number, terms: string[]) =>
  enabled && isWordLike(term) && term.length >= 3 && !terms.slice(i + 1).some(isWordLike);
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
    storeFields: STORE,
    tokenize,
    processTerm: (term) => term,
    searchOptions: { boost: r.boost, ...matchOptions(r) },
  };
}

/** minisearch options for the phrasing index: one document per distinct phrasing, word terms only. */
export function phrasingIndexOptions(r: RankingOptions = DEFAULT_RANKING): Options<PhrasingFields> {
  return {
    fields: ['text'],
    tokenize,
    processTerm: (term) => term,
    searchOptions: { tokenize, ...matchOptions(r) },
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
  /** Query terms that matched, and in which fields (for snippets and explain). */
  match: Record<string, string[]>;
  queryTerms: string[];
};

/** BM25+ as minisearch computes it. */
const bm25 = (tf: number, df: number, docs: number, length: number, avg: number, p: RankingOptions['bm25']) =>
  Math.log(1 + (docs - df + 0.5) / (df + 0.5)) * (p.d + (tf * (p.k + 1)) / (tf + p.k * (1 - p.b + (p.b * length) / avg)));

/** BM25+ score the terms would get against a document that is exactly these terms. */
function selfScore(terms: readonly string[], df: (t: string) => number, docs: number, totalLength: number, p: RankingOptions['bm25']): number {
  const avg = docs > 0 ? totalLength / docs : 1;
  let score = 0;
  for (const t of terms) {
    const n = Math.max(1, df(t));
    const idf = Math.log(1 + (Math.max(docs, 1) - n + 0.5) / (n + 0.5));
    score += idf * (p.d + (p.k + 1) / (1 + p.k * (1 - p.b + (p.b * terms.length) / avg)));
  }
  return score;
}

/** Small string tables: metadata values stored as numbers. */
class Interner {
  values: string[] = [];
  private codes = new Map<string, number>();
  code(v: string): number {
    let c = this.codes.get(v);
    if (c === undefined) this.codes.set(v, (c = this.values.push(v) - 1));
    return c;
  }
  find(v: string): number {
    return this.codes.get(v) ?? -1;
  }
  static of(values: string[]): Interner {
    const i = new Interner();
    for (const v of values) i.code(v);
    return i;
  }
}

/** Phrasing owners are packed as article number × OWNER_SLOTS + phrasing index. */
const OWNER_SLOTS = 4096;

export type SearchEngineSnapshot = {
  version: 1;
  postings: PostingsSnapshot;
  meta: { locale: string[]; category: string[]; kind: string[]; audience: string[] };
  /** Per article number: [id, locale, category, kind, audience, ...phrasing numbers], or null when removed. */
  articles: (null | [string, number, number, number, number, ...number[]])[];
  /** Per phrasing number: its normalised tokens joined by spaces, or null when unused. */
  phrasings: (string | null)[];
};

export class SearchEngine {
  readonly ranking: RankingOptions;
  /** Whole-article index (compact, typed arrays). */
  private docs = new PostingIndex();
  /** Distinct phrasings (minisearch), word terms only. */
  private phrasings: MiniSearch<PhrasingFields>;
  private docNum = new Map<string, number>();
  private docId: (string | undefined)[] = [];
  /** Per article number: metadata codes and its phrasings' numbers (title first). */
  private docMeta: number[] = [];
  private docPhrasings: (Int32Array | undefined)[] = [];
  private locales = new Interner();
  private categories = new Interner();
  private kinds = new Interner();
  private audiences = new Interner();

  private phrasingByKey = new Map<string, number>();
  private phrasingKey: (string | null)[] = [];
  private phrasingOwnerList: (number[] | undefined)[] = [];
  /** Each phrasing's character trigrams as sorted ids (repeats kept: term frequency). */
  private phrasingGrams: (Uint32Array | undefined)[] = [];
  private phrasingLength: number[] = [];
  /** Each phrasing's word terms joined (the key of `phrasingOwners`). */
  private phrasingWords: (string | null)[] = [];
  private livePhrasings = 0;
  private phrasingWordTotal = 0;
  private gramIds = new Map<string, number>();
  private gramDf: number[] = [];
  private gramTotal = 0;
  /**
   * How many article phrasings carry each word sequence. A phrasing shared by n articles
   * (passages under one page title, a question copied between intents) cannot pick one of
   * them: it counts 1/n.
   */
  private phrasingOwners = new Map<string, number>();

  constructor(ranking: RankingOptions = DEFAULT_RANKING) {
    this.ranking = ranking;
    this.phrasings = new MiniSearch(phrasingIndexOptions(ranking));
  }

  get size(): number {
    return this.docNum.size;
  }

  has(id: string): boolean {
    return this.docNum.has(id);
  }

  /** Adds or replaces one article. */
  upsert(article: IndexableArticle): void {
    if (this.docNum.has(article.id)) this.remove(article.id);
    const doc = this.docs.allocate();
    this.docNum.set(article.id, doc);
    this.docId[doc] = article.id;
    this.docMeta.push(
      this.locales.code(article.locale),
      this.categories.code(article.category),
      this.kinds.code(article.kind),
      this.audiences.code(article.audience),
    );
    this.docs.add(doc, tokenize(articleText(article)));
    const phrasings = [article.title, ...article.questions].slice(0, OWNER_SLOTS);
    this.docPhrasings[doc] = Int32Array.from(phrasings, (text, i) => this.addPhrasing(rawTokens(text).join(' '), doc * OWNER_SLOTS + i));
  }

  private addPhrasing(key: string, owner: number): number {
    const p = this.phrasingByKey.get(key) ?? this.createPhrasing(this.phrasingKey.length, key);
    this.own(p, owner);
    return p;
  }

  /** Indexes a distinct phrasing under number `p`. */
  private createPhrasing(p: number, key: string): number {
    const words = tokenize(key);
    this.phrasingByKey.set(key, p);
    this.phrasingKey[p] = key;
    this.phrasingOwnerList[p] = [];
    this.phrasings.add({ id: p, text: key });
    const grams = charGrams(key).map((g) => {
      let id = this.gramIds.get(g);
      if (id === undefined) this.gramIds.set(g, (id = this.gramDf.push(0) - 1));
      return id;
    });
    const sorted = Uint32Array.from(grams).sort();
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) this.gramDf[sorted[i]!]!++;
    this.phrasingGrams[p] = sorted;
    this.phrasingLength[p] = words.length;
    this.phrasingWords[p] = words.join(' ');
    this.livePhrasings++;
    this.phrasingWordTotal += words.length;
    this.gramTotal += sorted.length;
    return p;
  }

  private own(p: number, owner: number): void {
    this.phrasingOwnerList[p]!.push(owner);
    const wordsKey = this.phrasingWords[p]!;
    this.phrasingOwners.set(wordsKey, (this.phrasingOwners.get(wordsKey) ?? 0) + 1);
  }

  private removePhrasing(p: number, owner: number): void {
    const owners = this.phrasingOwnerList[p]!;
    owners.splice(owners.indexOf(owner), 1);
    const key = this.phrasingKey[p]!;
    const wordsKey = this.phrasingWords[p]!;
    const n = (this.phrasingOwners.get(wordsKey) ?? 1) - 1;
    if (n > 0) this.phrasingOwners.set(wordsKey, n);
    else this.phrasingOwners.delete(wordsKey);
    if (owners.length > 0) return;
    this.phrasings.discard(p);
    this.phrasingByKey.delete(key);
    this.phrasingKey[p] = null;
    this.phrasingOwnerList[p] = undefined;
    const sorted = this.phrasingGrams[p]!;
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) this.gramDf[sorted[i]!]!--;
    this.phrasingGrams[p] = undefined;
    this.phrasingWords[p] = null;
    this.livePhrasings--;
    this.phrasingWordTotal -= this.phrasingLength[p]!;
    this.gramTotal -= sorted.length;
  }

  remove(id: string): void {
    const doc = this.docNum.get(id);
    if (doc === undefined) return;
    this.docs.remove(doc);
    this.docNum.delete(id);
    this.docId[doc] = undefined;
    this.docPhrasings[doc]!.forEach((p, i) => this.removePhrasing(p, doc * OWNER_SLOTS + i));
    this.docPhrasings[doc] = undefined;
  }

  /** Articles matching the query, best first. */
  search(query: string, filter: SearchFilter, limit = 10): RankedArticle[] {
    const words = tokenize(query);
    if (words.length === 0) return [];
    const r = this.ranking;
    const p = r.bm25;

    // The filter, on metadata codes (-1: a value no article has; -2: no constraint).
    const code = (i: Interner, v: string | undefined) => (v ? i.find(v) : -2);
    const fLocale = code(this.locales, filter.locale);
    const fCategory = code(this.categories, filter.category);
    const fKind = code(this.kinds, filter.kind);
    const fAudience = new Set(filter.audiences.map((a) => this.audiences.find(a)));
    const meta = this.docMeta;
    const keep = (doc: number) =>
      fAudience.has(meta[doc * 4 + 3]!) &&
      (fLocale === -2 || meta[doc * 4] === fLocale) &&
      (fCategory === -2 || meta[doc * 4 + 1] === fCategory) &&
      (fKind === -2 || meta[doc * 4 + 2] === fKind);

    // Whole-article scores: each query word, its prefix and fuzzy variants, as minisearch does.
    const distinct = [...new Set(words)];
    const docs = this.docs;
    const fuzzy = fuzzyFor(r.fuzzyMinLength);
    const prefix = prefixFor(r.prefixLastTerm);
    const boost = Math.max(...Object.values(r.boost));
    const textBoost = r.boost.text ?? 1;
    const docCount = docs.liveDocs;
    const avgLength = docCount > 0 ? docs.totalLength / docCount : 1;
    // Per-article accumulators in typed arrays (a Map per query was most of the query time).
    const slots = this.docId.length;
    const docScore = new Float64Array(slots);
    /** Per article: bit i set when distinct query term i matched. */
    const docTerms = new Uint32Array(slots);
    /** Per article: bit e set when expansion e (an index term, for `match`) matched it. */
    const docExpansions = new Uint32Array(slots);
    const touched: number[] = [];
    const expansions: [source: number, term: string, id: number, weight: number][] = [];
    words.forEach((term, i) => {
      const source = distinct.indexOf(term);
      const id = docs.termId(term);
      if (id !== undefined) expansions.push([source, term, id, 1]);
      const seen = new Set<string>();
      if (prefix(term, i, words)) {
        for (const [t, tid] of docs.prefixed(term)) {
          seen.add(t);
          expansions.push([source, t, tid, (0.5 * t.length) / (t.length + 0.3 * (t.length - term.length))]);
        }
      }
      const distance = fuzzy(term);
      if (distance) {
        for (const [t, tid, d] of docs.fuzzy(term, distance)) {
          if (!seen.has(t)) expansions.push([source, t, tid, (0.35 * t.length) / (t.length + d)]);
        }
      }
    });
    const { k, b, d } = p;
    expansions.forEach(([source, , id, weight], e) => {
      const df = docs.df(id);
      const bit = 1 << Math.min(source, 30);
      const expansionBit = e < 32 ? 1 << e : 0;
      const w = weight * textBoost * Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
      docs.forEach(id, (doc, tf, length) => {
        if (!keep(doc)) return;
        if (docTerms[doc] === 0) touched.push(doc);
        docScore[doc] = docScore[doc]! + w * (d + (tf * (k + 1)) / (tf + k * (1 - b + (b * length) / avgLength)));
        docTerms[doc] = docTerms[doc]! | bit;
        docExpansions[doc] = docExpansions[doc]! | expansionBit;
      });
    });
    /** The index terms an article matched (the first 32 expansions: exact terms come first). */
    const docMatch = (doc: number) => {
      const out: Record<string, string[]> = {};
      const bits = docExpansions[doc]!;
      expansions.forEach(([, term], e) => {
        if (e < 32 && bits & (1 << e)) out[term] = ['text'];
      });
      return out;
    };
    const docSelf =
      selfScore(words, (t) => { const id = docs.termId(t); return id === undefined ? 0 : docs.df(id); }, docCount, docs.totalLength, p) * boost || 1;

    // Phrasings matched by word terms (minisearch; unfiltered, so it also gives the document frequencies).
    const phrasingHits = new Map<number, { sum: number; terms: number }>();
    const phrasingDf = new Map<string, number>();
    for (const hit of this.phrasings.search(query)) {
      // minisearch multiplies a hit's score by its number of matched query terms; undo that.
      phrasingHits.set(hit.id as number, { sum: hit.score / Math.max(1, hit.queryTerms.length), terms: hit.queryTerms.length });
      for (const t of hit.queryTerms) if (t in hit.match) phrasingDf.set(t, (phrasingDf.get(t) ?? 0) + 1);
    }

    // The query's trigrams: id → occurrences.
    const gw = r.gramWeight;
    const queryGrams = gw > 0 ? charGrams(query) : [];
    const gramCount = new Map<number, number>();
    for (const g of queryGrams) {
      const id = this.gramIds.get(g);
      if (id !== undefined) gramCount.set(id, (gramCount.get(id) ?? 0) + 1);
    }
    const nPhrasings = this.livePhrasings;
    const avgGrams = nPhrasings > 0 ? this.gramTotal / nPhrasings : 1;
    const gramSelf =
      gw > 0 ? gw * selfScore(queryGrams, (g) => { const id = this.gramIds.get(g); return id === undefined ? 0 : this.gramDf[id]!; }, nPhrasings, this.gramTotal, p) : 0;
    const phrasingSelf = selfScore(words, (t) => phrasingDf.get(t) ?? 0, nPhrasings, this.phrasingWordTotal, p) + gramSelf || 1;

    /** A phrasing's score (before the 1/owners share), word terms and trigrams together. */
    const phrasingScoreCache = new Map<number, number>();
    const phrasingScore = (ph: number): number => {
      let s = phrasingScoreCache.get(ph);
      if (s !== undefined) return s;
      const hit = phrasingHits.get(ph);
      let sum = hit?.sum ?? 0;
      let terms = hit?.terms ?? 0;
      if (gramCount.size > 0) {
        const grams = this.phrasingGrams[ph]!;
        // Only the trigrams of phrasings of articles already matched by a word term get here.
        const length = grams.length;
        let gramSum = 0;
        for (let i = 0; i < length; ) {
          const g = grams[i]!;
          let j = i + 1;
          while (j < length && grams[j] === g) j++;
          const q = gramCount.get(g);
          if (q !== undefined) {
            gramSum += q * bm25(j - i, this.gramDf[g]!, nPhrasings, length, avgGrams, p);
            terms++;
          }
          i = j;
        }
        sum += gw * gramSum;
      }
      s = terms > 0 ? sum / phrasingSelf / (this.phrasingOwners.get(this.phrasingWords[ph]!) ?? 1) : 0;
      phrasingScoreCache.set(ph, s);
      return s;
    };

    // Candidates: articles that a word term matched, in their text or in a phrasing.
    const candidates = new Set<number>(touched);
    for (const ph of phrasingHits.keys()) {
      for (const owner of this.phrasingOwnerList[ph] ?? []) {
        const doc = Math.floor(owner / OWNER_SLOTS);
        if (keep(doc)) candidates.add(doc);
      }
    }

    const ranked: RankedArticle[] = [];
    const topK = r.phrasingTopK;
    const scores: number[] = [];
    for (const doc of candidates) {
      scores.length = 0;
      let best = 0;
      let bestIndex = -1;
      const phrasings = this.docPhrasings[doc]!;
      for (let i = 0; i < phrasings.length; i++) {
        const ph = phrasings[i]!;
        const s = phrasingScore(ph);
        if (s <= 0) continue;
        scores.push(s);
        if (s > best) (best = s), (bestIndex = i);
      }
      scores.sort((a, b) => b - a);
      let phrasing = scores[0] ?? 0;
      for (let i = 1; i < Math.min(topK, scores.length); i++) phrasing += r.phrasingTailWeight * scores[i]!;
      const articleMatch = docScore[doc]! / docSelf;
      const blend = (articleMatch + r.phrasingWeight * phrasing) / (1 + r.phrasingWeight);
      ranked.push({
        id: this.docId[doc]!,
        score: blend,
        relevance: blend,
        phrasingMatch: best,
        articleMatch,
        bestPhrasing: bestIndex,
        match: {},
        queryTerms: [],
        doc,
      } as RankedArticle);
    }
    // Rank on the raw blend (a long article can out-score the query's self-score, and clamping
    // before sorting would tie it with weaker ones); report the shares clamped to 0–1.
    ranked.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    const clamp = (x: number) => Math.min(1, x);
    return ranked.slice(0, limit).map((a) => {
      const { doc, ...rest } = a as RankedArticle & { doc: number };
      const bits = docTerms[doc]!;
      return {
        ...rest,
        relevance: a.score,
        score: clamp(a.score),
        phrasingMatch: clamp(a.phrasingMatch),
        articleMatch: clamp(a.articleMatch),
        match: bits ? docMatch(doc) : {},
        queryTerms: distinct.filter((_, i) => bits & (1 << Math.min(i, 30))),
      };
    });
  }

  /** A plain, JSON-serialisable snapshot; `SearchEngine.fromJSON` restores an equivalent engine. */
  toJSON(): SearchEngineSnapshot {
    const articles: SearchEngineSnapshot['articles'] = this.docId.map((id, doc) => {
      if (id === undefined) return null;
      const m = this.docMeta;
      return [id, m[doc * 4]!, m[doc * 4 + 1]!, m[doc * 4 + 2]!, m[doc * 4 + 3]!, ...this.docPhrasings[doc]!];
    });
    return {
      version: 1,
      postings: this.docs.toJSON(),
      meta: { locale: this.locales.values, category: this.categories.values, kind: this.kinds.values, audience: this.audiences.values },
      articles,
      phrasings: this.phrasingKey,
    };
  }

  static fromJSON(snapshot: SearchEngineSnapshot, ranking: RankingOptions = DEFAULT_RANKING): SearchEngine {
    if (snapshot.version !== 1) throw new Error('SearchEngine.fromJSON: unknown snapshot version');
    const e = new SearchEngine(ranking);
    e.docs = PostingIndex.fromJSON(snapshot.postings);
    e.locales = Interner.of(snapshot.meta.locale);
    e.categories = Interner.of(snapshot.meta.category);
    e.kinds = Interner.of(snapshot.meta.kind);
    e.audiences = Interner.of(snapshot.meta.audience);
    // Phrasings keep their numbers (unused numbers stay empty), then get their owners.
    const keys = snapshot.phrasings;
    e.phrasingKey = new Array<string | null>(keys.length).fill(null);
    e.phrasingOwnerList = new Array<number[] | undefined>(keys.length).fill(undefined);
    e.phrasingGrams = new Array<Uint32Array | undefined>(keys.length).fill(undefined);
    e.phrasingLength = new Array<number>(keys.length).fill(0);
    e.phrasingWords = new Array<string | null>(keys.length).fill(null);
    keys.forEach((key, p) => key !== null && e.createPhrasing(p, key));
    snapshot.articles.forEach((a, doc) => {
      e.docMeta.push(a?.[1] ?? 0, a?.[2] ?? 0, a?.[3] ?? 0, a?.[4] ?? 0);
      if (!a) return;
      e.docNum.set(a[0], doc);
      e.docId[doc] = a[0];
      const nums = a.slice(5) as number[];
      e.docPhrasings[doc] = Int32Array.from(nums);
      nums.forEach((p, i) => e.own(p, doc * OWNER_SLOTS + i));
    });
    return e;
  }
}
