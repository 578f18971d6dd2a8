/**
 * Re-scoring of the FTS5 backend's candidates, on the memory engine's scale (search.engine.ts):
 * each candidate gets the share of the query its whole text matches (BM25+ over the query's
 * self-score) and the votes of its phrasings closest to the query (the best one plus half of
 * the next four), blended the same way. So `score` means the same on both backends and the
 * bot's thresholds hold. Document frequencies come from the FTS5 index (fts5vocab), so the
 * weights are those of the whole knowledge base, not of the few candidates.
 */
import type { RankedArticle, RankingOptions } from './search.engine.js';
import { bm25, selfScore } from './search.query.js';
import { tokenizePhrasing } from './search.text.js';

/** A candidate as the re-scoring reads it: terms of each phrasing (title first) and of the rest. */
export type FtsCandidate = {
  id: string;
  phrasings: string[][];
  /** Terms of the summary, tags and body. */
  rest: string[];
};

export function prepareCandidate(a: { id: string; title: string; questions: string[]; summary: string; tags: string[]; body: string }): FtsCandidate {
  return {
    id: a.id,
    phrasings: [a.title, ...a.questions].map((p) => tokenizePhrasing(p)),
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

type Match = { weight: number; prefix: boolean };

/** Term frequency in `tokens` of each query term and of each word the last query word is a prefix of. */
function frequencies(tokens: readonly string[], terms: ReadonlySet<string>, prefix: string | null): Map<string, Match & { tf: number }> {
  const out = new Map<string, Match & { tf: number }>();
  for (const t of tokens) {
    const exact = terms.has(t);
    const viaPrefix = !exact && prefix !== null && t.startsWith(prefix);
    if (!exact && !viaPrefix) continue;
    const m = out.get(t);
    if (m) m.tf++;
    else out.set(t, { tf: 1, weight: exact ? 1 : 0.5, prefix: !exact });
  }
  return out;
}

export function scoreCandidates(
  candidates: FtsCandidate[],
  query: { terms: string[]; prefix: string | null },
  stats: FtsStats,
  r: RankingOptions,
): RankedArticle[] {
  const terms = new Set(query.terms);
  const docs = Math.max(1, stats.docs);
  const df = (t: string) => Math.max(1, Math.min(docs, stats.df.get(t) ?? 1));
  const score = (tokens: string[], avg: number, self: number) => {
    if (self <= 0) return { score: 0, matched: [] as string[] };
    let s = 0;
    const matched: string[] = [];
    for (const [term, m] of frequencies(tokens, terms, query.prefix)) {
      s += m.weight * bm25(m.tf, df(term), docs, tokens.length, avg, r.bm25);
      matched.push(term);
    }
    return { score: s / self, matched };
  };
  const articleSelf = selfScore(query.terms, df, docs, stats.avgLength * docs, r.bm25);
  const phrasingSelf = selfScore(query.terms, df, docs, AVG_PHRASING_TERMS * docs, r.bm25);
  const pw = r.phrasingWeight;
  const ranked = candidates.map((c): RankedArticle => {
    const phrasings = c.phrasings.map((p) => score(p, AVG_PHRASING_TERMS, phrasingSelf));
    const whole = score(c.phrasings.flat().concat(c.rest), stats.avgLength, articleSelf);
    const order = phrasings.map((p, i) => ({ s: p.score, i })).filter((p) => p.s > 0).sort((a, b) => b.s - a.s);
    const vote = order.slice(0, r.phrasingTopK).reduce((sum, p, k) => sum + (k === 0 ? p.s : r.phrasingTailWeight * p.s), 0);
    const relevance = (whole.score + pw * vote) / (1 + pw);
    return {
      id: c.id,
      score: Math.min(1, relevance),
      relevance,
      phrasingMatch: Math.min(1, order[0]?.s ?? 0),
      articleMatch: Math.min(1, whole.score),
      bestPhrasing: order[0]?.i ?? -1,
      match: Object.fromEntries(whole.matched.map((t) => [t, ['text']])),
      queryTerms: query.terms,
    };
  });
  return ranked.sort((x, y) => y.relevance - x.relevance || (x.id < y.id ? -1 : 1));
}
