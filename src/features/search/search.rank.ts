/**
 * Ranking: blends the whole-article score with the article's phrasing votes (its best
 * phrasings, like k nearest neighbours voting, rather than the average of all of them).
 * Every candidate is scored on word terms; only the best RESCORE_POOL (or `limit`, if larger)
 * are re-scored with character trigrams and sorted. So the first `limit` results are those of
 * scoring everything, except that an article outside that pool by words cannot climb in
 * through trigrams alone.
 */
import type { ArticleTable } from './search.articles.js';
import type { RankedArticle, RankingOptions } from './search.engine.js';
import { nthLargest } from './search.lists.js';
import type { PhrasingScores } from './search.phrasingscores.js';
import type { PhrasingStore } from './search.phrasings.js';
import type { ArticleScores } from './search.query.js';

/**
 * How many candidates (best by word terms) are re-scored with character trigrams: an article
 * outside the best few hundred by words practically never reaches the top results.
 */
const RESCORE_POOL = 200;

/** Phrasing votes: the best phrasing plus the tail weight × the next topK − 1. */
class Voter {
  private top: Float64Array;
  /** The last vote's best phrasing score and its index among the article's phrasings. */
  best = 0;
  bestIndex = -1;

  constructor(private table: ArticleTable, private topK: number, private tail: number) {
    this.top = new Float64Array(Math.max(1, topK));
  }

  vote(doc: number, score: (ph: number) => number): number {
    const { top, topK } = this;
    let n = 0;
    this.best = 0;
    this.bestIndex = -1;
    const list = this.table.phrasings.data;
    const first = this.table.phrasings.first(doc);
    for (let i = 0, count = this.table.phrasings.len(doc); i < count; i++) {
      const s = score(list[first + i]!);
      if (s <= 0) continue;
      if (s > this.best) (this.best = s), (this.bestIndex = i);
      // keep the topK largest, descending
      if (n < topK) n++;
      else if (s <= top[n - 1]!) continue;
      let j = n - 1;
      while (j > 0 && top[j - 1]! < s) (top[j] = top[j - 1]!), j--;
      top[j] = s;
    }
    let total = n > 0 ? top[0]! : 0;
    for (let i = 1; i < n; i++) total += this.tail * top[i]!;
    return total;
  }
}

export type RankInput = {
  table: ArticleTable;
  store: PhrasingStore;
  articles: ArticleScores;
  phrasings: PhrasingScores;
  keep: Uint8Array;
  ranking: RankingOptions;
};

/**
 * Articles a word term matched (filtered by `keep`). Their text includes their phrasings, so
 * an article one of whose phrasings matches is among them.
 */
function candidates({ articles }: RankInput): number[] {
  return articles.touched;
}

/** The best `pool` candidates by their word-term blend (ties broken by id). */
function choosePool(input: RankInput, all: number[], pool: number, voter: Voter): number[] {
  const { articles, phrasings, ranking: r } = input;
  const blend = new Float64Array(all.length);
  for (let c = 0; c < all.length; c++) {
    const doc = all[c]!;
    blend[c] = (articles.score[doc]! / articles.self + r.phrasingWeight * voter.vote(doc, phrasings.wordScore)) / (1 + r.phrasingWeight);
  }
  if (all.length <= pool) return all;
  const threshold = nthLargest(blend.slice(), pool - 1);
  const chosen: number[] = [];
  const ties: number[] = [];
  for (let c = 0; c < all.length; c++) {
    if (blend[c]! > threshold) chosen.push(all[c]!);
    else if (blend[c] === threshold) ties.push(all[c]!);
  }
  ties.sort(input.table.byId);
  for (const doc of ties) if (chosen.length < pool) chosen.push(doc);
  return chosen;
}

export function rank(input: RankInput, limit: number): RankedArticle[] {
  const { table, articles, phrasings, ranking: r } = input;
  const voter = new Voter(table, r.phrasingTopK, r.phrasingTailWeight);
  const all = candidates(input);
  const done = new Uint8Array(input.store.keys.length);
  for (const doc of all) phrasings.addWords(table.phrasings.data, table.phrasings.first(doc), table.phrasings.len(doc), done);
  const chosen = choosePool(input, all, Math.max(limit, RESCORE_POOL), voter);
  const pw = r.phrasingWeight;
  const ranked = chosen.map((doc) => {
    const phrasing = voter.vote(doc, phrasings.usesGrams ? phrasings.fullScore : phrasings.wordScore);
    const articleMatch = articles.score[doc]! / articles.self;
    return { doc, relevance: (articleMatch + pw * phrasing) / (1 + pw), phrasingMatch: voter.best, articleMatch, bestPhrasing: voter.bestIndex };
  });
  // Rank on the raw blend (a long article can out-score the query's self-score, and clamping
  // before sorting would tie it with weaker ones); report the shares clamped to 0–1.
  ranked.sort((x, y) => y.relevance - x.relevance || table.byId(x.doc, y.doc));
  return ranked.slice(0, limit).map((a) => ({
    id: table.id[a.doc]!,
    score: Math.min(1, a.relevance),
    relevance: a.relevance,
    phrasingMatch: Math.min(1, a.phrasingMatch),
    articleMatch: Math.min(1, a.articleMatch),
    bestPhrasing: a.bestPhrasing,
    match: articles.terms[a.doc] ? articles.match(a.doc) : {},
    queryTerms: articles.queryTerms(a.doc),
  }));
}
