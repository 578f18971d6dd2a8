/**
 * Re-scoring of the FTS5 backend's candidates, on the memory engine's scale (search.engine.ts):
 * each candidate gets the share of the query its whole text matches (BM25+ over the query's
 * self-score) and the votes of its phrasings closest to the query (the best one plus half of
 * the next four), blended the same way. So `score` means the same on both backends and the
 * bot's thresholds hold. Word document frequencies come from the FTS5 index (fts5vocab), so
 * word weights are those of the whole knowledge base. Phrasings are also scored on character
 * trigrams (inflections, typos, function words), as in the memory engine; their frequencies
 * are counted over the candidates' phrasings (FTS5 does not index trigrams).
 */
import type { RankedArticle, RankingOptions } from './search.engine.js';
import { bm25, selfScore } from './search.query.js';
import { charGrams, tokenizePhrasing } from './search.text.js';

/** A candidate as the re-scoring reads it: terms and trigrams of each phrasing (title first), terms of the rest. */
export type FtsCandidate = {
  id: string;
  phrasings: string[][];
  grams: string[][];
  /** Terms of the summary, tags and body. */
  rest: string[];
};

export function prepareCandidate(a: { id: string; title: string; questions: string[]; summary: string; tags: string[]; body: string }): FtsCandidate {
  const phrasings = [a.title, ...a.questions];
  return {
    id: a.id,
    phrasings: phrasings.map((p) => tokenizePhrasing(p)),
    grams: phrasings.map((p) => charGrams(p)),
    rest: tokenizePhrasing([a.summary, ...a.tags, a.body].join('\n')),
  };
}

export type FtsStats = {
  /** Articles indexed. */
  docs: number;
  /** Mean terms per article (phrasings + body). */
  avgLength: number;
  /** Articles holding each query term. */
  df: Map<string, number>;
};

/** Mean terms per phrasing (titles and questions are short); only shapes BM25's length part. */
const AVG_PHRASING_TERMS = 8;

/** Term frequency in `tokens` of each query term and of each word the last query word is a prefix of (weight 0.5). */
function frequencies(tokens: readonly string[], terms: ReadonlySet<string>, prefix: string | null): Map<string, { tf: number; weight: number }> {
  const out = new Map<string, { tf: number; weight: number }>();
  for (const t of tokens) {
    const exact = terms.has(t);
    if (!exact && (prefix === null || !t.startsWith(prefix))) continue;
    const m = out.get(t);
    if (m) m.tf++;
    else out.set(t, { tf: 1, weight: exact ? 1 : 0.5 });
  }
  return out;
}

/** Trigram statistics over the candidates' phrasings. */
function gramStats(candidates: FtsCandidate[]) {
  const df = new Map<string, number>();
  let phrasings = 0;
  let total = 0;
  for (const c of candidates) {
    for (const grams of c.grams) {
      phrasings++;
      total += grams.length;
      for (const g of new Set(grams)) df.set(g, (df.get(g) ?? 0) + 1);
    }
  }
  return { df, phrasings: Math.max(1, phrasings), avg: phrasings > 0 ? total / phrasings : 1 };
}

export function scoreCandidates(
  candidates: FtsCandidate[],
  query: { text: string; terms: string[]; prefix: string | null },
  stats: FtsStats,
  r: RankingOptions,
): RankedArticle[] {
  const terms = new Set(query.terms);
  const docs = Math.max(1, stats.docs);
  const df = (t: string) => Math.max(1, Math.min(docs, stats.df.get(t) ?? 1));
  const words = (tokens: string[], avg: number) => {
    let s = 0;
    const matched: string[] = [];
    for (const [term, m] of frequencies(tokens, terms, query.prefix)) {
      s += m.weight * bm25(m.tf, df(term), docs, tokens.length, avg, r.bm25);
      matched.push(term);
    }
    return { s, matched };
  };
  const qGrams = r.gramWeight > 0 ? new Set(charGrams(query.text)) : new Set<string>();
  const g = gramStats(candidates);
  const gdf = (t: string) => Math.max(1, g.df.get(t) ?? 1);
  const grams = (list: string[]) => {
    let s = 0;
    for (const [gram, m] of frequencies(list, qGrams, null)) s += bm25(m.tf, gdf(gram), g.phrasings, list.length, g.avg, r.bm25);
    return s;
  };
  const articleSelf = selfScore(query.terms, df, docs, stats.avgLength * docs, r.bm25) || 1;
  const gramSelf = qGrams.size > 0 ? r.gramWeight * selfScore([...qGrams], gdf, g.phrasings, g.avg * g.phrasings, r.bm25) : 0;
  const phrasingSelf = selfScore(query.terms, df, docs, AVG_PHRASING_TERMS * docs, r.bm25) + gramSelf || 1;
  const pw = r.phrasingWeight;
  const ranked = candidates.map((c): RankedArticle => {
    const phrasings = c.phrasings.map((p, i) => {
      const w = words(p, AVG_PHRASING_TERMS).s;
      return (w + (gramSelf > 0 ? r.gramWeight * grams(c.grams[i]!) : 0)) / phrasingSelf;
    });
    const whole = words(c.phrasings.flat().concat(c.rest), stats.avgLength);
    const articleMatch = whole.s / articleSelf;
    const order = phrasings.map((s, i) => ({ s, i })).filter((p) => p.s > 0).sort((a, b) => b.s - a.s);
    const vote = order.slice(0, r.phrasingTopK).reduce((sum, p, k) => sum + (k === 0 ? p.s : r.phrasingTailWeight * p.s), 0);
    const relevance = (articleMatch + pw * vote) / (1 + pw);
    return {
      id: c.id,
      score: Math.min(1, relevance),
      relevance,
      phrasingMatch: Math.min(1, order[0]?.s ?? 0),
      articleMatch: Math.min(1, articleMatch),
      bestPhrasing: order[0]?.i ?? -1,
      match: Object.fromEntries(whole.matched.map((t) => [t, ['text']])),
      queryTerms: query.terms,
    };
  });
  return ranked.sort((x, y) => y.relevance - x.relevance || (x.id < y.id ? -1 : 1));
}
