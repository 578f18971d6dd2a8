/**
 * A query's terms and its scores against the article index. Query terms are deduplicated
 * (a repeated term is looked up once and weighted by its count) and expanded with prefix and
 * fuzzy variants exactly as minisearch expands them, from the article index's dictionary; the
 * phrasing scores reuse those expansions, since every phrasing term is also an article term.
 * Also holds the BM25+ helpers both indexes score with.
 */
import type { RankingOptions } from './search.engine.js';
import type { PostingIndex } from './search.postings.js';
import { isGramTerm, isHanTerm } from './search.text.js';

const isWordLike = (term: string) => !isHanTerm(term) && !isGramTerm(term);
export const fuzzyFor = (minLength: number) => (term: string) =>
  minLength > 0 && isWordLike(term) && term.length >= minLength ? (term.length >= 8 ? 2 : 1) : false;
/** Prefix matching for the last word of the query (its trigrams come after the words). */
export const prefixFor = (enabled: boolean) => (term: string, i: number, terms: string[]) =>
  enabled && isWordLike(term) && term.length >= 3 && !terms.slice(i + 1).some(isWordLike);

/** BM25+ as minisearch computes it. */
export const bm25 = (tf: number, df: number, docs: number, length: number, avg: number, p: RankingOptions['bm25']) =>
  Math.log(1 + (docs - df + 0.5) / (df + 0.5)) * (p.d + (tf * (p.k + 1)) / (tf + p.k * (1 - p.b + (p.b * length) / avg)));

export const idf = (df: number, docs: number) => Math.log(1 + (docs - df + 0.5) / (df + 0.5));

/** BM25+ score the terms would get against a document that is exactly these terms. */
export function selfScore(terms: readonly string[], df: (t: string) => number, docs: number, totalLength: number, p: RankingOptions['bm25']): number {
  const avg = docs > 0 ? totalLength / docs : 1;
  let score = 0;
  for (const t of terms) {
    const n = Math.max(1, df(t));
    score += idf(n, Math.max(docs, 1)) * (p.d + (p.k + 1) / (1 + p.k * (1 - p.b + (p.b * terms.length) / avg)));
  }
  return score;
}

export type QuerySpec = { term: string; prefix: boolean; fuzzy: number | false; times: number };

/** The distinct query terms with their prefix/fuzzy settings and how often each occurs. */
export function querySpecs(terms: string[], r: RankingOptions): QuerySpec[] {
  const fuzzy = fuzzyFor(r.fuzzyMinLength);
  const prefix = prefixFor(r.prefixLastTerm);
  const specs = new Map<string, QuerySpec>();
  terms.forEach((term, i) => {
    const spec: QuerySpec = { term, prefix: prefix(term, i, terms), fuzzy: fuzzy(term), times: 1 };
    const key = `${term} ${spec.prefix} ${spec.fuzzy}`;
    const seen = specs.get(key);
    if (seen) seen.times++;
    else specs.set(key, spec);
  });
  return [...specs.values()];
}

/** An index term a query term reaches, its article-index id and minisearch's weight for it. */
export type Expansion = [term: string, id: number, weight: number];

/** The term itself, its prefix extensions and its fuzzy neighbours, weighted as minisearch does (memoised per query). */
export function expander(docs: PostingIndex): (spec: QuerySpec) => Expansion[] {
  const cache = new Map<string, Expansion[]>();
  return (spec) => {
    const key = `${spec.term} ${spec.prefix} ${spec.fuzzy}`;
    let out = cache.get(key);
    if (out) return out;
    cache.set(key, (out = []));
    const id = docs.termId(spec.term);
    if (id !== undefined) out.push([spec.term, id, 1]);
    const seen = new Set<string>();
    if (spec.prefix) {
      for (const [t, tid] of docs.prefixed(spec.term)) {
        seen.add(t);
        out.push([t, tid, (0.5 * t.length) / (t.length + 0.3 * (t.length - spec.term.length))]);
      }
    }
    if (spec.fuzzy) {
      for (const [t, tid, dist] of docs.fuzzy(spec.term, spec.fuzzy)) if (!seen.has(t)) out.push([t, tid, (0.35 * t.length) / (t.length + dist)]);
    }
    return out;
  };
}

/** Whole-article BM25+ scores of one query, per article number, for the articles `keep` lets through. */
export class ArticleScores {
  readonly score: Float64Array;
  /** Per article: bit i set when distinct query term i matched. */
  readonly terms: Uint32Array;
  /** Per article: bit e set when expansion e (an index term, for `match`) matched it. */
  private readonly expansionBits: Uint32Array;
  /** Articles matched, in the order first seen. */
  readonly touched: number[] = [];
  /** The query's self-score: what a perfect match would get. */
  readonly self: number;
  readonly distinct: string[];
  private readonly expansions: [source: number, term: string][] = [];

  constructor(docs: PostingIndex, words: string[], r: RankingOptions, keep: Uint8Array, expand: (spec: QuerySpec) => Expansion[]) {
    const { k, b, d } = r.bm25;
    this.distinct = [...new Set(words)];
    this.score = new Float64Array(docs.slots);
    this.terms = new Uint32Array(docs.slots);
    this.expansionBits = new Uint32Array(docs.slots);
    const norm = docs.lengthNorm(k, b);
    const textBoost = r.boost.text ?? 1;
    for (const spec of querySpecs(words, r)) {
      const source = this.distinct.indexOf(spec.term);
      for (const [term, id, weight] of expand(spec)) {
        const e = this.expansions.push([source, term]) - 1;
        const w = weight * spec.times * textBoost * idf(docs.df(id), docs.liveDocs);
        docs.accumulate(id, w, k, d, norm, keep, this.score, this.terms, 1 << Math.min(source, 30), this.expansionBits, e < 32 ? 1 << e : 0, this.touched);
      }
    }
    const df = (t: string) => {
      const id = docs.termId(t);
      return id === undefined ? 0 : docs.df(id);
    };
    this.self = selfScore(words, df, docs.liveDocs, docs.totalLength, r.bm25) * Math.max(...Object.values(r.boost)) || 1;
  }

  /** The index terms an article matched (the first 32 expansions: exact terms come first). */
  match(doc: number): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    const bits = this.expansionBits[doc]!;
    this.expansions.forEach(([, term], e) => {
      if (e < 32 && bits & (1 << e)) out[term] = ['text'];
    });
    return out;
  }

  queryTerms(doc: number): string[] {
    const bits = this.terms[doc]!;
    return this.distinct.filter((_, i) => bits & (1 << Math.min(i, 30)));
  }
}
