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
 *   all of them), word terms only, Han text as bigrams only (`tokenizePhrasing`: single
 *   characters are in a large share of phrasings, slow every query and barely discriminate; the
 *   article index keeps them). Character trigrams (inflections, typos, function words) are
 *   kept per phrasing in typed arrays and only re-score phrasings of articles that some word
 *   term already matched: an article is never a result through trigrams alone.
 *   An FAQ is found by its phrasings closest to the query (k nearest neighbours voting), not by
 *   the average of all of them.
 * A query scores every matched article on word terms; only the best RESCORE_POOL (or `limit`,
 * if larger) are re-scored with trigrams and sorted. Per-query state lives in typed arrays;
 * document frequencies, length norms and filter masks are cached until the next upsert/remove.
 * Removed phrasings are removed from minisearch (not discarded), so a live engine and one
 * restored by `fromJSON` score identically.
 * Each index's score is divided by the query's self-score (what a perfect match would get), so
 * both land on a comparable 0–1 scale; the blend ranks, and the same scale serves as confidence.
 */
import MiniSearch, { type Options } from 'minisearch';
import { PostingIndex, type PostingsSnapshot } from './search.postings.js';
import { charGrams, isGramTerm, isHanTerm, latinTerm, rawTokens, tokenize, tokenizePhrasing } from './search.text.js';

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

/** minisearch options for the phrasing index: one document per distinct phrasing, word terms only (Han: bigrams). */
export function phrasingIndexOptions(r: RankingOptions = DEFAULT_RANKING): Options<PhrasingFields> {
  return {
    fields: ['text'],
    tokenize: tokenizePhrasing,
    processTerm: (term) => term,
    searchOptions: { tokenize: tokenizePhrasing, ...matchOptions(r) },
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

/**
 * How many candidates (best by word terms: whole-article score plus phrasing votes) are
 * re-scored with character trigrams. Trigrams only re-rank articles that word terms found, and
 * an article outside the best few hundred by words practically never reaches the top results.
 */
const RESCORE_POOL = 200;

const growU32 = (a: Uint32Array, n: number): Uint32Array => {
  if (n <= a.length) return a;
  const b = new Uint32Array(Math.max(n, a.length * 2, 64));
  b.set(a);
  return b;
};
const growI32 = (a: Int32Array, n: number, fill = 0): Int32Array => {
  if (n <= a.length) return a;
  const b = new Int32Array(Math.max(n, a.length * 2, 64));
  if (fill !== 0) b.fill(fill, a.length);
  b.set(a);
  return b;
};

/**
 * Many small integer lists (an article's phrasings, a phrasing's trigrams) in one typed array:
 * list i is pool[start[i] .. start[i] + length[i]). Replacing a list appends it; the space of
 * dropped lists is reclaimed by compaction once it outgrows the live part.
 */
class ListPool {
  private pool: Uint32Array = new Uint32Array(0);
  private used = 0;
  private dead = 0;
  private start: Uint32Array = new Uint32Array(0);
  private length: Uint32Array = new Uint32Array(0);

  set(i: number, values: ArrayLike<number>): void {
    this.drop(i);
    if (this.used + values.length > this.pool.length) {
      if (this.dead > this.used / 2) this.compact();
      this.pool = growU32(this.pool, this.used + values.length);
    }
    this.start = growU32(this.start, i + 1);
    this.length = growU32(this.length, i + 1);
    this.pool.set(values, this.used);
    this.start[i] = this.used;
    this.length[i] = values.length;
    this.used += values.length;
  }

  drop(i: number): void {
    if (i < this.length.length) {
      this.dead += this.length[i]!;
      this.length[i] = 0;
    }
  }

  /** The list's values (a view: valid until the next `set`). */
  get(i: number): Uint32Array {
    if (i >= this.length.length) return this.pool.subarray(0, 0);
    return this.pool.subarray(this.start[i]!, this.start[i]! + this.length[i]!);
  }

  len(i: number): number {
    return i < this.length.length ? this.length[i]! : 0;
  }

  first(i: number): number {
    return this.start[i]!;
  }

  get data(): Uint32Array {
    return this.pool;
  }

  private compact(): void {
    const pool = new Uint32Array(Math.max(64, (this.used - this.dead) * 2));
    let used = 0;
    for (let i = 0; i < this.length.length; i++) {
      const n = this.length[i]!;
      pool.set(this.pool.subarray(this.start[i]!, this.start[i]! + n), used);
      this.start[i] = used;
      used += n;
    }
    this.pool = pool;
    this.used = used;
    this.dead = 0;
  }
}

/** The value that would sit at position n (0-based) if `values` were sorted descending. */
function nthLargest(values: Float64Array, n: number): number {
  const a = values;
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! > pivot) i++;
      while (a[j]! < pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (n <= j) hi = j;
    else if (n >= i) lo = i;
    else return a[n]!;
  }
  return a[n]!;
}

const HAN_CHAR = /\p{Script=Han}/u;
/**
 * A compact key that is equal for two phrasings exactly when their word terms are: Han runs as
 * they are (their unigrams and bigrams follow from them), Latin words as their terms.
 */
const wordsKey = (key: string) =>
  rawTokens(key)
    .map((t) => (HAN_CHAR.test(t) ? t : latinTerm(t)))
    .filter((t) => t !== null)
    .join(' ');

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
  /** Per article number: metadata codes. */
  private docMeta: number[] = [];
  /** Per article number: its phrasings' numbers (title first). */
  private docPhrasings = new ListPool();
  private locales = new Interner();
  private categories = new Interner();
  private kinds = new Interner();
  private audiences = new Interner();

  private phrasingByKey = new Map<string, number>();
  private phrasingKey: (string | null)[] = [];
  /** Per phrasing: its first owner (−1: none); further owners (rare) in `moreOwners`. */
  private phrasingOwner: Int32Array = new Int32Array(0);
  private moreOwners = new Map<number, number[]>();
  /** Each phrasing's character trigrams as sorted ids (repeats kept: term frequency). */
  private phrasingGrams = new ListPool();
  private phrasingLength: Uint32Array = new Uint32Array(0);
  private livePhrasings = 0;
  private phrasingWordTotal = 0;
  private gramIds = new Map<string, number>();
  private gramDf: number[] = [];
  private gramTotal = 0;
  /**
   * Phrasings with the same word terms form a group; a group counts its article phrasings.
   * A phrasing shared by n articles (passages under one page title, a question copied between
   * intents) cannot pick one of them: it counts 1/n.
   */
  private phrasingGroup: Int32Array = new Int32Array(0);
  private groupByKey = new Map<string, number>();
  private groupKey: (string | undefined)[] = [];
  private groupCount: Int32Array = new Int32Array(0);
  /** Per group: its live phrasings. */
  private groupPhrasings: Int32Array = new Int32Array(0);
  private freeGroups: number[] = [];
  /** Recent filter masks (per article number: 1 when alive and passing the filter), for one index generation. */
  private keepCache = new Map<string, Uint8Array>();
  private keepGen = -1;

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
    this.docPhrasings.set(
      doc,
      phrasings.map((text, i) => this.addPhrasing(rawTokens(text).join(' '), doc * OWNER_SLOTS + i)),
    );
  }

  private addPhrasing(key: string, owner: number): number {
    const p = this.phrasingByKey.get(key) ?? this.createPhrasing(this.phrasingKey.length, key);
    this.own(p, owner);
    return p;
  }

  /** Indexes a distinct phrasing under number `p`. */
  private createPhrasing(p: number, key: string): number {
    const words = tokenizePhrasing(key);
    this.phrasingByKey.set(key, p);
    this.phrasingKey[p] = key;
    this.phrasingOwner = growI32(this.phrasingOwner, p + 1, -1);
    this.phrasingOwner[p] = -1;
    this.phrasings.add({ id: p, text: key });
    const grams = charGrams(key).map((g) => {
      let id = this.gramIds.get(g);
      if (id === undefined) this.gramIds.set(g, (id = this.gramDf.push(0) - 1));
      return id;
    });
    const sorted = Uint32Array.from(grams).sort();
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) this.gramDf[sorted[i]!]!++;
    this.phrasingGrams.set(p, sorted);
    this.phrasingLength = growU32(this.phrasingLength, p + 1);
    this.phrasingLength[p] = words.length;
    const gk = wordsKey(key);
    let group = this.groupByKey.get(gk);
    if (group === undefined) {
      group = this.freeGroups.pop() ?? this.groupKey.length;
      this.groupByKey.set(gk, group);
      this.groupKey[group] = gk;
      this.groupCount = growI32(this.groupCount, group + 1);
      this.groupCount[group] = 0;
      this.groupPhrasings = growI32(this.groupPhrasings, group + 1);
      this.groupPhrasings[group] = 0;
    }
    this.groupPhrasings[group]!++;
    this.phrasingGroup = growI32(this.phrasingGroup, p + 1);
    this.phrasingGroup[p] = group;
    this.livePhrasings++;
    this.phrasingWordTotal += words.length;
    this.gramTotal += sorted.length;
    return p;
  }

  private own(p: number, owner: number): void {
    if (this.phrasingOwner[p] === -1) this.phrasingOwner[p] = owner;
    else {
      let more = this.moreOwners.get(p);
      if (!more) this.moreOwners.set(p, (more = []));
      more.push(owner);
    }
    this.groupCount[this.phrasingGroup[p]!]!++;
  }

  private removePhrasing(p: number, owner: number): void {
    const more = this.moreOwners.get(p);
    if (this.phrasingOwner[p] === owner) this.phrasingOwner[p] = more?.shift() ?? -1;
    else if (more) more.splice(more.indexOf(owner), 1);
    if (more && more.length === 0) this.moreOwners.delete(p);
    const group = this.phrasingGroup[p]!;
    this.groupCount[group]!--;
    if (this.phrasingOwner[p] !== -1) return;
    const key = this.phrasingKey[p]!;
    // remove (not discard): the index forgets the phrasing's terms now, so document frequencies
    // match an index built without it (as `fromJSON` builds it).
    this.phrasings.remove({ id: p, text: key });
    this.phrasingByKey.delete(key);
    this.phrasingKey[p] = null;
    const sorted = this.phrasingGrams.get(p);
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) this.gramDf[sorted[i]!]!--;
    this.gramTotal -= sorted.length;
    this.phrasingGrams.drop(p);
    this.livePhrasings--;
    this.phrasingWordTotal -= this.phrasingLength[p]!;
    // A group with no live phrasing left is forgotten (its number reused).
    if (--this.groupPhrasings[group]! === 0) {
      this.groupByKey.delete(this.groupKey[group]!);
      this.groupKey[group] = undefined;
      this.freeGroups.push(group);
    }
  }

  remove(id: string): void {
    const doc = this.docNum.get(id);
    if (doc === undefined) return;
    this.docs.remove(doc);
    this.docNum.delete(id);
    this.docId[doc] = undefined;
    Array.from(this.docPhrasings.get(doc)).forEach((p, i) => this.removePhrasing(p, doc * OWNER_SLOTS + i));
    this.docPhrasings.drop(doc);
  }

  /** Per article number: 1 when the article is alive and passes the filter. */
  private keepMask(filter: SearchFilter): Uint8Array {
    if (this.keepGen !== this.docs.generation) (this.keepCache = new Map()), (this.keepGen = this.docs.generation);
    const key = `${filter.locale ?? ''}\u0000${filter.category ?? ''}\u0000${filter.kind ?? ''}\u0000${filter.audiences.join('\u0001')}`;
    const cached = this.keepCache.get(key);
    if (cached) return cached;
    // The filter, on metadata codes (-1: a value no article has; -2: no constraint).
    const code = (i: Interner, v: string | undefined) => (v ? i.find(v) : -2);
    const fLocale = code(this.locales, filter.locale);
    const fCategory = code(this.categories, filter.category);
    const fKind = code(this.kinds, filter.kind);
    const fAudience = new Set(filter.audiences.map((a) => this.audiences.find(a)));
    const meta = this.docMeta;
    const slots = this.docs.slots;
    const mask = new Uint8Array(slots);
    for (let doc = 0; doc < slots; doc++) {
      mask[doc] =
        this.docId[doc] !== undefined &&
        this.docs.isAlive(doc) &&
        fAudience.has(meta[doc * 4 + 3]!) &&
        (fLocale === -2 || meta[doc * 4] === fLocale) &&
        (fCategory === -2 || meta[doc * 4 + 1] === fCategory) &&
        (fKind === -2 || meta[doc * 4 + 2] === fKind)
          ? 1
          : 0;
    }
    if (this.keepCache.size >= 16) this.keepCache.clear();
    this.keepCache.set(key, mask);
    return mask;
  }

  /**
   * Articles matching the query, best first.
   *
   * Every article a word term matches is scored on its words (whole-article score and phrasing
   * votes); the best max(limit, RESCORE_POOL) of them are re-scored with character trigrams and
   * sorted. So the first `limit` results are those of scoring everything, except that an
   * article outside that pool by words cannot climb in through trigrams alone.
   */
  search(query: string, filter: SearchFilter, limit = 10): RankedArticle[] {
    const words = tokenize(query);
    if (words.length === 0 || limit <= 0) return [];
    const r = this.ranking;
    const p = r.bm25;
    const { k, b, d } = p;
    const keep = this.keepMask(filter);

    // Whole-article scores: each query word, its prefix and fuzzy variants, as minisearch does.
    const distinct = [...new Set(words)];
    const docs = this.docs;
    const fuzzy = fuzzyFor(r.fuzzyMinLength);
    const prefix = prefixFor(r.prefixLastTerm);
    const boost = Math.max(...Object.values(r.boost));
    const textBoost = r.boost.text ?? 1;
    const docCount = docs.liveDocs;
    // Per-article accumulators in typed arrays (a Map per query was most of the query time).
    const slots = docs.slots;
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
        for (const [t, tid, dist] of docs.fuzzy(term, distance)) {
          if (!seen.has(t)) expansions.push([source, t, tid, (0.35 * t.length) / (t.length + dist)]);
        }
      }
    });
    const norm = docs.lengthNorm(k, b);
    expansions.forEach(([source, , id, weight], e) => {
      const df = docs.df(id);
      const w = weight * textBoost * Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
      docs.accumulate(id, w, k, d, norm, keep, docScore, docTerms, 1 << Math.min(source, 30), docExpansions, e < 32 ? 1 << e : 0, touched);
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
    const nP = this.phrasingKey.length;
    const phWord = new Float64Array(nP);
    const phTerms = new Uint16Array(nP);
    const hitList: number[] = [];
    const phrasingDf = new Map<string, number>();
    for (const hit of this.phrasings.search(query)) {
      const ph = hit.id as number;
      // minisearch multiplies a hit's score by its number of matched query terms; undo that.
      phWord[ph] = hit.score / Math.max(1, hit.queryTerms.length);
      phTerms[ph] = hit.queryTerms.length;
      hitList.push(ph);
      for (const t of hit.queryTerms) if (t in hit.match) phrasingDf.set(t, (phrasingDf.get(t) ?? 0) + 1);
    }

    // The query's trigrams: id → occurrences.
    const gw = r.gramWeight;
    const queryGrams = gw > 0 ? charGrams(query) : [];
    const gramQ = new Float64Array(this.gramDf.length);
    let queryGramCount = 0;
    for (const g of queryGrams) {
      const id = this.gramIds.get(g);
      if (id !== undefined) gramQ[id] = gramQ[id]! + 1, queryGramCount++;
    }
    const nPhrasings = this.livePhrasings;
    const avgGrams = nPhrasings > 0 ? this.gramTotal / nPhrasings : 1;
    const gramSelf =
      gw > 0 ? gw * selfScore(queryGrams, (g) => { const id = this.gramIds.get(g); return id === undefined ? 0 : this.gramDf[id]!; }, nPhrasings, this.gramTotal, p) : 0;
    const phrasingSelf = selfScore(tokenizePhrasing(query), (t) => phrasingDf.get(t) ?? 0, nPhrasings, this.phrasingWordTotal, p) + gramSelf || 1;

    const groupCount = this.groupCount;
    const phrasingGroup = this.phrasingGroup;
    /** A phrasing's word-term score (after the 1/owners share). */
    const wordScore = (ph: number) => (phTerms[ph]! > 0 ? phWord[ph]! / phrasingSelf / (groupCount[phrasingGroup[ph]!]! || 1) : 0);
    const gramPool = this.phrasingGrams;
    const gramDf = this.gramDf;
    /** A phrasing's score with word terms and trigrams together (after the 1/owners share). */
    const fullScore = (ph: number): number => {
      let sum = phTerms[ph]! > 0 ? phWord[ph]! : 0;
      let terms = phTerms[ph]!;
      const start = gramPool.first(ph);
      const length = gramPool.len(ph);
      const grams = gramPool.data;
      let gramSum = 0;
      for (let i = 0; i < length; ) {
        const g = grams[start + i]!;
        let j = i + 1;
        while (j < length && grams[start + j] === g) j++;
        const q = gramQ[g]!;
        if (q > 0) {
          gramSum += q * bm25(j - i, gramDf[g]!, nPhrasings, length, avgGrams, p);
          terms++;
        }
        i = j;
      }
      sum += gw * gramSum;
      return terms > 0 ? sum / phrasingSelf / (groupCount[phrasingGroup[ph]!]! || 1) : 0;
    };

    // Candidates: articles that a word term matched, in their text or in a phrasing.
    const candidates = touched;
    const seen = new Uint8Array(slots);
    for (const doc of touched) seen[doc] = 1;
    const addOwner = (owner: number) => {
      const doc = Math.floor(owner / OWNER_SLOTS);
      if (keep[doc] && !seen[doc]) (seen[doc] = 1), candidates.push(doc);
    };
    for (const ph of hitList) {
      const owner = this.phrasingOwner[ph]!;
      if (owner >= 0) addOwner(owner);
      const more = this.moreOwners.get(ph);
      if (more) for (const o of more) addOwner(o);
    }

    const topK = r.phrasingTopK;
    const tail = r.phrasingTailWeight;
    const pw = r.phrasingWeight;
    const top = new Float64Array(Math.max(1, topK));
    let best = 0;
    let bestIndex = -1;
    /** Phrasing votes: the best phrasing plus the tail weight × the next topK − 1. */
    const vote = (doc: number, score: (ph: number) => number): number => {
      let n = 0;
      best = 0;
      bestIndex = -1;
      const list = this.docPhrasings.get(doc);
      for (let i = 0; i < list.length; i++) {
        const s = score(list[i]!);
        if (s <= 0) continue;
        if (s > best) (best = s), (bestIndex = i);
        // keep the topK largest, descending
        if (n < topK) n++;
        else if (s <= top[n - 1]!) continue;
        let j = n - 1;
        while (j > 0 && top[j - 1]! < s) (top[j] = top[j - 1]!), j--;
        top[j] = s;
      }
      let total = n > 0 ? top[0]! : 0;
      for (let i = 1; i < n; i++) total += tail * top[i]!;
      return total;
    };

    // Word scores for every candidate; trigram re-scoring for the best of them.
    const pool = Math.max(limit, RESCORE_POOL);
    const wordBlend = new Float64Array(candidates.length);
    for (let c = 0; c < candidates.length; c++) {
      const doc = candidates[c]!;
      wordBlend[c] = (docScore[doc]! / docSelf + pw * vote(doc, wordScore)) / (1 + pw);
    }
    let chosen = candidates;
    if (candidates.length > pool) {
      const threshold = nthLargest(wordBlend.slice(), pool - 1);
      chosen = [];
      const ties: number[] = [];
      for (let c = 0; c < candidates.length; c++) {
        if (wordBlend[c]! > threshold) chosen.push(candidates[c]!);
        else if (wordBlend[c] === threshold) ties.push(candidates[c]!);
      }
      ties.sort((x, y) => (this.docId[x]! < this.docId[y]! ? -1 : 1));
      for (const doc of ties) if (chosen.length < pool) chosen.push(doc);
    }
    const useGrams = queryGramCount > 0;
    const ranked: { doc: number; relevance: number; phrasingMatch: number; articleMatch: number; bestPhrasing: number }[] = [];
    for (const doc of chosen) {
      const phrasing = vote(doc, useGrams ? fullScore : wordScore);
      const articleMatch = docScore[doc]! / docSelf;
      ranked.push({ doc, relevance: (articleMatch + pw * phrasing) / (1 + pw), phrasingMatch: best, articleMatch, bestPhrasing: bestIndex });
    }
    // Rank on the raw blend (a long article can out-score the query's self-score, and clamping
    // before sorting would tie it with weaker ones); report the shares clamped to 0–1.
    ranked.sort((x, y) => y.relevance - x.relevance || (this.docId[x.doc]! < this.docId[y.doc]! ? -1 : 1));
    const clamp = (x: number) => Math.min(1, x);
    return ranked.slice(0, limit).map((a) => {
      const bits = docTerms[a.doc]!;
      return {
        id: this.docId[a.doc]!,
        score: clamp(a.relevance),
        relevance: a.relevance,
        phrasingMatch: clamp(a.phrasingMatch),
        articleMatch: clamp(a.articleMatch),
        bestPhrasing: a.bestPhrasing,
        match: bits ? docMatch(a.doc) : {},
        queryTerms: distinct.filter((_, i) => bits & (1 << Math.min(i, 30))),
      };
    });
  }

  /** A plain, JSON-serialisable snapshot; `SearchEngine.fromJSON` restores an equivalent engine. */
  toJSON(): SearchEngineSnapshot {
    const articles: SearchEngineSnapshot['articles'] = this.docId.map((id, doc) => {
      if (id === undefined) return null;
      const m = this.docMeta;
      return [id, m[doc * 4]!, m[doc * 4 + 1]!, m[doc * 4 + 2]!, m[doc * 4 + 3]!, ...this.docPhrasings.get(doc)];
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
    keys.forEach((key, p) => key !== null && e.createPhrasing(p, key));
    snapshot.articles.forEach((a, doc) => {
      e.docMeta.push(a?.[1] ?? 0, a?.[2] ?? 0, a?.[3] ?? 0, a?.[4] ?? 0);
      if (!a) return;
      e.docNum.set(a[0], doc);
      e.docId[doc] = a[0];
      const nums = a.slice(5) as number[];
      e.docPhrasings.set(doc, nums);
      nums.forEach((p, i) => e.own(p, doc * OWNER_SLOTS + i));
    });
    return e;
  }
}
