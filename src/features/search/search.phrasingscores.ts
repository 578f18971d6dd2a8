/**
 * One query's scores against the phrasings, on the same 0–1 scale as the article scores
 * (divided by the query's self-score and by the phrasing's share between articles).
 *
 * Word terms held by more than COMMON_SHARE of the phrasings are left out of the minisearch
 * query: a common bigram such as 怎么 matches thousands of phrasings, and minisearch builds,
 * merges and sorts a result object per match (it was most of the slowest queries' time).
 * Their BM25+ contribution is added from each candidate phrasing's term-id list instead, with
 * minisearch's own formula (field length = distinct terms), so the scores are the same.
 * Character trigrams only re-score phrasings of the re-ranked candidates (`fullScore`).
 */
import type { RankingOptions } from './search.engine.js';
import type { PhrasingStore } from './search.phrasings.js';
import { bm25, idf, querySpecs, selfScore, type Expansion, type QuerySpec } from './search.query.js';
import { charGrams, tokenizePhrasing } from './search.text.js';

/**
 * Terms in more than this share of phrasings are scored outside minisearch. Query p99 at 10k
 * articles: 5% 4.5 ms, 2% 3.4 ms, 1% 3.0 ms, 0.5% 2.7 ms; the results are the same at every
 * share. 1% leaves minisearch the long tail of terms and takes most of the gain.
 */
const COMMON_SHARE = 0.01;

export class PhrasingScores {
  /** Phrasings minisearch matched (by the less common terms). */
  readonly hits: number[] = [];
  private readonly word: Float64Array;
  /** Per phrasing: how many query terms matched it (0: no word match). */
  private readonly matched: Uint16Array;
  /** Per word-term id: the query's weight × idf for the common terms, else 0. */
  private readonly common: Float64Array;
  private readonly hasCommon: boolean;
  private readonly gramQ: Float64Array;
  readonly usesGrams: boolean;
  private readonly self: number;

  constructor(private readonly store: PhrasingStore, query: string, private readonly r: RankingOptions, expand: (spec: QuerySpec) => Expansion[]) {
    const n = store.keys.length;
    this.word = new Float64Array(n);
    this.matched = new Uint16Array(n);
    this.common = new Float64Array(store.words.df.length);
    const terms = tokenizePhrasing(query);
    this.hasCommon = this.matchWords(this.reachedTerms(terms, expand));
    const grams = r.gramWeight > 0 ? charGrams(query) : [];
    this.gramQ = new Float64Array(store.grams.df.length);
    let known = 0;
    for (const g of grams) {
      const id = store.grams.id(g);
      if (id !== undefined) (this.gramQ[id] = this.gramQ[id]! + 1), known++;
    }
    this.usesGrams = known > 0;
    const live = store.live;
    const gramSelf = r.gramWeight > 0 ? r.gramWeight * selfScore(grams, (g) => store.grams.dfOf(g), live, store.grams.total, r.bm25) : 0;
    this.self = selfScore(terms, (t) => store.words.dfOf(t), live, store.words.total, r.bm25) + gramSelf || 1;
  }

  /** Each phrasing term the query reaches (exact, prefix and fuzzy variants), once, with its summed weight. */
  private reachedTerms(terms: string[], expand: (spec: QuerySpec) => Expansion[]): Map<string, number> {
    const reached = new Map<string, number>();
    for (const spec of querySpecs(terms, this.r)) {
      for (const [t, , w] of expand(spec)) if (this.store.words.dfOf(t) > 0) reached.set(t, (reached.get(t) ?? 0) + w * spec.times);
    }
    return reached;
  }

  /** Scores the less common terms through minisearch and notes the common ones; true when there are common ones. */
  private matchWords(reached: Map<string, number>): boolean {
    const { words, live } = this.store;
    const rare: string[] = [];
    const rareWeight: number[] = [];
    let common = false;
    for (const [term, weight] of reached) {
      const df = words.dfOf(term);
      if (df > COMMON_SHARE * live) (this.common[words.id(term)!] = weight * idf(df, live)), (common = true);
      else rare.push(term), rareWeight.push(weight);
    }
    if (rare.length === 0) return common;
    // Variants are already expanded: minisearch matches each term exactly, weighted by boostTerm.
    const hits = this.store.index.search('', { tokenize: () => rare, prefix: false, fuzzy: false, boostTerm: (_t, i) => rareWeight[i]! });
    for (const hit of hits) {
      const ph = hit.id as number;
      // minisearch multiplies a hit's score by its number of matched query terms; undo that.
      this.word[ph] = hit.score / Math.max(1, hit.queryTerms.length);
      this.matched[ph] = hit.queryTerms.length;
      this.hits.push(ph);
    }
    return common;
  }

  /** Adds the common terms' BM25+ to the word scores of these phrasings (each at most once overall). */
  addCommon(phrasings: Uint32Array, first: number, count: number, done: Uint8Array): void {
    if (!this.hasCommon) return;
    const { k, b, d } = this.r.bm25;
    const { wordLists, distinctWords, live, distinctTotal } = this.store;
    const avg = live > 0 ? distinctTotal / live : 1;
    const list = wordLists.data;
    for (let c = first; c < first + count; c++) {
      const ph = phrasings[c]!;
      if (done[ph]) continue;
      done[ph] = 1;
      const norm = k * (1 - b + (b * distinctWords[ph]!) / avg);
      const end = wordLists.first(ph) + wordLists.len(ph);
      for (let i = wordLists.first(ph); i < end; ) {
        const id = list[i]!;
        let j = i + 1;
        while (j < end && list[j] === id) j++;
        const w = this.common[id]!;
        if (w > 0) (this.word[ph] = this.word[ph]! + w * (d + ((j - i) * (k + 1)) / (j - i + norm))), this.matched[ph]!++;
        i = j;
      }
    }
  }

  /** A phrasing's word-term score. */
  readonly wordScore = (ph: number): number => (this.matched[ph]! > 0 ? this.word[ph]! / this.self / this.store.shareOf(ph) : 0);

  /** A phrasing's score with word terms and trigrams together. */
  readonly fullScore = (ph: number): number => {
    const { gramLists, grams, live } = this.store;
    const p = this.r.bm25;
    const avg = live > 0 ? grams.total / live : 1;
    const start = gramLists.first(ph);
    const length = gramLists.len(ph);
    const list = gramLists.data;
    let terms = this.matched[ph]!;
    let gramSum = 0;
    for (let i = 0; i < length; ) {
      const g = list[start + i]!;
      let j = i + 1;
      while (j < length && list[start + j] === g) j++;
      const q = this.gramQ[g]!;
      if (q > 0) (gramSum += q * bm25(j - i, grams.df[g]!, live, length, avg, p)), terms++;
      i = j;
    }
    const sum = (this.matched[ph]! > 0 ? this.word[ph]! : 0) + this.r.gramWeight * gramSum;
    return terms > 0 ? sum / this.self / this.store.shareOf(ph) : 0;
  };
}
