/**
 * Semantic re-ranking (optional): when an embedding model is configured (EMBEDDINGS_PROVIDER),
 * every published article's parts (title, alternate questions, body passages) are embedded
 * once (search.vectors.ts keeps them in `article_vectors`), and each search embeds the query
 * and blends the articles' best cosine similarity into the lexical ranking. Paraphrases that
 * share no word with any article ("what's your bday" → "How old are you?") are what lexical
 * ranking cannot reach and a sentence encoder can (docs/ranking-experiments.md).
 *
 * Scale-free blending: cosine similarities of different models live on different scales
 * (one model's unrelated texts score 0.1, another's 0.5). So each query's similarities are
 * measured against the query's own background, the mean similarity over the articles it may
 * see: `semantic = clamp((cos − mean) / (1 − mean), 0, 1)`, 1 for a perfect paraphrase, 0 for a
 * typical unrelated article. The blend is `(lexical + w × semantic) / (1 + w)`, the same 0–1
 * scale the bot's thresholds read.
 *
 * Never in the way: an embedding error or a query slower than the budget leaves the lexical
 * ranking as it is (logged), and the in-memory vectors reload only when the stored ones changed.
 */
import type { Embeddings } from '@langchain/core/embeddings';
import { and, count, eq, max } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { articles, articleVectors } from '../../db/schema/index.js';
import type { Logger } from '../../lib/logger.js';
import type { RankedArticle, SearchFilter } from './search.engine.js';
import { decodeVector } from './search.vectors.js';

export type SemanticOptions = {
  /** The model's name, stored with each vector (EMBEDDINGS_MODEL). */
  model: string;
  /** Weight of the semantic score against the lexical one (SEARCH_SEMANTIC_WEIGHT). */
  weight: number;
  /** Budget for embedding one query; past it the lexical ranking is used as it is. */
  timeoutMs: number;
  /** Articles taken from each side (lexical and semantic) before blending. */
  pool?: number;
  /** How often at most the stored vectors are checked for changes. */
  checkIntervalMs?: number;
};

type ArticleVectors = { id: string; locale: string; category: string; kind: string; audience: string; parts: Float32Array[] };

/** A bounded least-recently-used map (query embeddings). */
class Lru<V> {
  private map = new Map<string, V>();
  constructor(private readonly size: number) {}
  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) (this.map.delete(key), this.map.set(key, v));
    return v;
  }
  set(key: string, v: V): void {
    this.map.delete(key);
    this.map.set(key, v);
    if (this.map.size > this.size) this.map.delete(this.map.keys().next().value!);
  }
}

const normalize = (v: ArrayLike<number>): Float32Array => {
  let n = 0;
  for (let i = 0; i < v.length; i++) n += v[i]! * v[i]!;
  const inv = n > 0 ? 1 / Math.sqrt(n) : 0;
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i]! * inv;
  return out;
};

const dot = (a: Float32Array, b: Float32Array) => {
  let s = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) s += a[i]! * b[i]!;
  return s;
};

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`embedding timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class SemanticSearch {
  readonly model: string;
  readonly weight: number;
  readonly pool: number;
  private readonly timeoutMs: number;
  private readonly checkIntervalMs: number;
  private vectors: ArticleVectors[] = [];
  private loadedKey: string | null = null;
  private lastCheck = -Infinity;
  private loading: Promise<void> | null = null;
  private queries = new Lru<Float32Array>(500);
  /** Single flight of the embedding job (search.vectors.ts). */
  syncing: Promise<unknown> | null = null;
  /** Debounce generation of scheduled embedding jobs in this isolate. */
  syncGeneration = 0;
  /** The article content version the last complete embedding run saw (search.signature.ts). */
  syncedContent: string | null = null;

  constructor(readonly embeddings: Embeddings, options: SemanticOptions) {
    this.model = options.model;
    this.weight = options.weight;
    this.timeoutMs = options.timeoutMs;
    this.pool = options.pool ?? 30;
    this.checkIntervalMs = options.checkIntervalMs ?? 1000;
  }

  /** Vectors held in memory (articles). */
  get size(): number {
    return this.vectors.length;
  }

  /** Marks the in-memory vectors stale (after this isolate wrote new ones). */
  invalidate(): void {
    this.lastCheck = -Infinity;
  }

  /**
   * Reloads the vectors when the stored ones or the articles changed (`contentVersion` is the
   * search index's version). At most one check per interval; concurrent callers share a load.
   */
  async refresh(db: Db, contentVersion: string, nowMs: number): Promise<void> {
    if (nowMs - this.lastCheck < this.checkIntervalMs && this.loadedKey?.startsWith(`${contentVersion}|`)) return;
    this.lastCheck = nowMs;
    this.loading ??= this.reload(db, contentVersion).finally(() => (this.loading = null));
    await this.loading;
  }

  private async reload(db: Db, contentVersion: string): Promise<void> {
    const [state] = await db
      .select({ n: count(), at: max(articleVectors.updatedAt) })
      .from(articleVectors)
      .where(eq(articleVectors.model, this.model));
    const key = `${contentVersion}|${state?.n ?? 0}|${state?.at?.getTime() ?? 0}`;
    if (key === this.loadedKey) return;
    const rows = await db
      .select({
        id: articleVectors.articleId,
        part: articleVectors.part,
        vector: articleVectors.vector,
        locale: articles.locale,
        category: articles.category,
        kind: articles.kind,
        audience: articles.audience,
      })
      .from(articleVectors)
      .innerJoin(articles, eq(articles.id, articleVectors.articleId))
      .where(and(eq(articleVectors.model, this.model), eq(articles.status, 'published')))
      .orderBy(articleVectors.articleId, articleVectors.part);
    const byId = new Map<string, ArticleVectors>();
    for (const r of rows) {
      let a = byId.get(r.id);
      if (!a) byId.set(r.id, (a = { id: r.id, locale: r.locale, category: r.category, kind: r.kind, audience: r.audience, parts: [] }));
      a.parts.push(normalize(decodeVector(r.vector)));
    }
    this.vectors = [...byId.values()];
    this.loadedKey = key;
  }

  private async embedQuery(query: string): Promise<Float32Array> {
    const cached = this.queries.get(query);
    if (cached) return cached;
    const v = normalize(await withTimeout(this.embeddings.embedQuery(query), this.timeoutMs));
    this.queries.set(query, v);
    return v;
  }

  /**
   * Each visible article's semantic score (0–1, against the query's background; see the
   * header), or null when there are no vectors or the query could not be embedded in time.
   */
  async scores(query: string, filter: SearchFilter, logger: Logger): Promise<Map<string, number> | null> {
    if (this.vectors.length === 0) return null;
    let q: Float32Array;
    try {
      q = await this.embedQuery(query);
    } catch (error) {
      logger.warn('semantic search skipped: the query was not embedded', { error: error instanceof Error ? error.message : String(error) });
      return null;
    }
    const best = new Map<string, number>();
    let sum = 0;
    for (const a of this.vectors) {
      if (!filter.audiences.includes(a.audience)) continue;
      if (filter.locale && a.locale !== filter.locale) continue;
      if (filter.category && a.category !== filter.category) continue;
      if (filter.kind && a.kind !== filter.kind) continue;
      let s = -1;
      for (const p of a.parts) s = Math.max(s, dot(q, p));
      best.set(a.id, s);
      sum += s;
    }
    if (best.size === 0) return null;
    const mean = sum / best.size;
    const span = 1 - mean;
    for (const [id, s] of best) best.set(id, span > 1e-6 ? Math.min(1, Math.max(0, (s - mean) / span)) : 0);
    return best;
  }
}

/**
 * Blends semantic scores into a lexical ranking: the lexical pool plus the best semantic
 * articles, each scored `(lexical + w × semantic) / (1 + w)`, best first (ties keep the
 * lexical order). Articles found only semantically carry no matched terms.
 */
export function blendSemantic(lexical: RankedArticle[], semantic: Map<string, number>, weight: number, pool: number): RankedArticle[] {
  const byId = new Map(lexical.map((r, i) => [r.id, { r, i }]));
  const extra = [...semantic]
    .filter(([id]) => !byId.has(id))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, pool);
  const entries = [
    ...lexical.map((r, i) => ({ r, i })),
    ...extra.map(([id], k): { r: RankedArticle; i: number } => ({
      r: { id, score: 0, relevance: 0, phrasingMatch: 0, articleMatch: 0, bestPhrasing: -1, match: {}, queryTerms: [] },
      i: lexical.length + k,
    })),
  ];
  const blended = entries.map(({ r, i }) => {
    const s = semantic.get(r.id) ?? 0;
    const relevance = (r.relevance + weight * s) / (1 + weight);
    return { r: { ...r, relevance, score: Math.min(1, Math.max(0, relevance)), semanticMatch: s }, i };
  });
  blended.sort((a, b) => b.r.relevance - a.r.relevance || a.i - b.i);
  return blended.map((b) => b.r);
}
