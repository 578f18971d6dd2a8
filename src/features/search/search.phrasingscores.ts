/**
 * One query's scores against the phrasings, on the same 0–1 scale as the article scores
 * (divided by the query's self-score and by the phrasing's share between articles).
 *
 * Word terms are scored from each candidate phrasing's term-id list, with minisearch's BM25+
 * formula (field length = distinct terms). Candidates are the articles the article index
 * matched: every phrasing term is also an article term, so a phrasing matching the query
 * belongs to one of them. This once went through a minisearch index of the phrasings for the
 * rarer terms (the common ones already went through the lists); scoring every term from the
 * lists gives the same results on every evaluation set and bench query, is faster (clinc150
 * p99 1.3 → 0.8 ms), and leaves no minisearch index to build, hold or restore from a snapshot
 * (a cold start at 1k articles spent ~20 ms loading it).
 * Character trigrams only re-score phrasings of the re-ranked candidates (`fullScore`).
 */
import type { RankingOptions } from './search.engine.js';
import type { PhrasingStore } from './search.phrasings.js';
import { bm25, idf, querySpecs, selfScore, type Expansion, type QuerySpec } from './search.query.js';
import { charGrams, tokenizePhrasing } from './search.text.js';

export class PhrasingScores {
  private readonly word: Float64Array;
  /** Per phrasing: how many query terms matched it (0: no word match). */
  private readonly matched: Uint16Array;
  /** Per word-term id: the query's weight × idf for the terms it reaches, else 0. */
  private readonly weight: Float64Array;
  private readonly hasTerms: boolean;
  private readonly gramQ: Float64Array;
  readonly usesGrams: boolean;
  private readonly self: number;

  constructor(private readonly store: PhrasingStore, query: string, private readonly r: RankingOptions, expand: (spec: QuerySpec) => Expansion[]) {
    const n = store.keys.length;
    this.word = new Float64Array(n);
    this.matched = new Uint16Array(n);
    this.weight = new Float64Array(store.words.df.length);
    const terms = tokenizePhrasing(query);
    this.hasTerms = this.weighTerms(this.reachedTerms(terms, expand));
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

  /** Notes each reached term's weight × idf; true when there is any. */
  private weighTerms(reached: Map<string, number>): boolean {
    const { words, live } = this.store;
    for (const [term, weight] of reached) this.weight[words.id(term)!] = weight * idf(words.dfOf(term), live);
    return reached.size > 0;
  }

  /** Scores the query's word terms on these phrasings (each phrasing at most once overall). */
  addWords(phrasings: Uint32Array, first: number, count: number, done: Uint8Array): void {
    if (!this.hasTerms) return;
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
        const w = this.weight[id]!;
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
