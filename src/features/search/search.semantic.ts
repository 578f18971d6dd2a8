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
 * read against the query's own background, the mean over the articles of its locale (whatever
 * the other filters: a one-article category must not be its own background):
 * `semantic = clamp((cos − mean) / (1 − mean), 0, 1)`, 1 for a perfect paraphrase, 0 for a
 * typical unrelated article. The blend is `(lexical + w × semantic) / (1 + w)`, the same 0–1
 * scale the bot's thresholds read; an article without vectors yet keeps its lexical score.
 *
 * Never in the way: an embedding error, a query slower than the budget, a failed load or a
 * knowledge base too small to have a background leaves the lexical ranking as it is (logged);
 * after a failure the model is left alone for a while (circuit breaker). The in-memory vectors
 * reload when the stored ones change (a counter the embedding job bumps) or the articles do.
 */
import type { Embeddings } from '@langchain/core/embeddings';
import { and, count, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { articles, articleVectors, searchState } from '../../db/schema/index.js';
import type { Logger } from '../../lib/logger.js';
import type { RankedArticle, SearchFilter } from './search.engine.js';
import { decodeVector, dotAt, quantize, unitVector } from './search.vectormath.js';

export type SemanticOptions = {
  /** The model's name, stored with each vector (EMBEDDINGS_MODEL): change it when the model changes. */
  model: string;
  /** Weight of the semantic score against the lexical one (SEARCH_SEMANTIC_WEIGHT). */
  weight: number;
  /** Budget for embedding one query; past it the lexical ranking is used as it is. */
  timeoutMs: number;
  /** Articles taken from the semantic side before blending (the lexical side gives as many). */
  pool?: number;
  /** How often at most the stored vectors are checked for changes. */
  checkIntervalMs?: number;
  /** After a failed query embedding, how long the model is not asked again. */
  breakerMs?: number;
  /** Fewer articles than this in a query's locale: no background to read cosines against. */
  minBackground?: number;
  /** Vectors above this many bytes in memory (one byte a dimension) are not loaded (lexical only, logged). */
  maxBytes?: number;
  /** Stored vectors read per query while loading. */
  loadPage?: number;
};

type VectorRow = { id: string; part: number; dims: number; vector: string; locale: string; category: string; kind: string; audience: string };

/**
 * The vectors in memory: every part's unit vector in bytes (search.vectormath.ts), one row of
 * `dims` after another, with per row the factor turning its byte dot product into a cosine.
 */
type LoadedVectors = { matrix: Int8Array; scales: Float32Array; dims: number; entries: ArticleEntry[] };
const EMPTY: LoadedVectors = { matrix: new Int8Array(0), scales: new Float32Array(0), dims: 0, entries: [] };
/** A load or an embedding run older than this is taken as lost (on Workers, a request's promise may never settle). */
const STUCK_MS = 5 * 60_000;

/** An article's place in the vector matrix: its parts are rows first … first + count − 1. */
type ArticleEntry = { id: string; locale: string; category: string; kind: string; audience: string; first: number; count: number };

/** The `search_state` row counting changes to one model's stored vectors. */
export const vectorsStateKey = (model: string) => `vectors:${model}`;

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

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`embedding timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class SemanticSearch {
  readonly model: string;
  readonly weight: number;
  readonly pool: number;
  private readonly timeoutMs: number;
  private readonly checkIntervalMs: number;
  private readonly breakerMs: number;
  private readonly minBackground: number;
  private readonly maxBytes: number;
  private readonly loadPage: number;
  /** What searches read: replaced whole by a load, never changed in place (a search may be mid-scan). */
  private vectors: LoadedVectors = EMPTY;
  private loadedKey: string | null = null;
  private lastCheck = -Infinity;
  private loading: Promise<void> | null = null;
  private loadingSince = 0;
  private queries = new Lru<Float32Array>(500);
  /** Query embeddings under way: identical queries arriving together share one request. */
  private inFlight = new Map<string, Promise<Float32Array>>();
  private brokenUntil = 0;
  /** The embedding job under way in this isolate, and whether another run was asked for meanwhile. */
  syncing: Promise<unknown> | null = null;
  syncingSince = 0;
  syncAgain = false;
  /** The last embedding run in this process: when it ended, what it did or why it failed. */
  lastRun: { at: string; embedded: number; removed: number; refused: number } | { at: string; error: string } | null = null;
  /** The size the model's query vectors have, when it differs from the stored ones (the job re-embeds). */
  observedDims: number | null = null;
  /** The article change counter the last complete embedding run saw (search.signature.ts). */
  syncedContent: string | null = null;
  /** Parts the model refused (too long, say), by article, part and text hash → until when they are not retried. */
  readonly refused = new Map<string, number>();

  /**
   * `embeddings` embeds the articles' parts (the background job, no hurry); `queryEmbeddings`,
   * when given, embeds queries (a client with the query budget as its own timeout, so a slow
   * request is abandoned, not left running).
   */
  constructor(
    readonly embeddings: Embeddings,
    options: SemanticOptions,
    private readonly queryEmbeddings: Embeddings = embeddings,
  ) {
    this.model = options.model;
    this.weight = options.weight;
    this.timeoutMs = options.timeoutMs;
    this.pool = options.pool ?? 30;
    this.checkIntervalMs = options.checkIntervalMs ?? 1000;
    this.breakerMs = options.breakerMs ?? 30_000;
    this.minBackground = options.minBackground ?? 10;
    this.maxBytes = options.maxBytes ?? 96 * 1024 * 1024;
    this.loadPage = options.loadPage ?? 2000;
  }

  /** Articles whose vectors are held in memory. */
  get size(): number {
    return this.vectors.entries.length;
  }

  /** What an operator needs to tell whether semantic re-ranking works (GET /api/admin/search-status). */
  status(nowMs: number) {
    return {
      model: this.model,
      weight: this.weight,
      articles_loaded: this.vectors.entries.length,
      parts_loaded: this.vectors.entries.reduce((n, a) => n + a.count, 0),
      dimensions: this.vectors.dims,
      memory_bytes: this.vectors.matrix.byteLength + this.vectors.scales.byteLength,
      model_paused_until: this.brokenUntil > nowMs ? new Date(this.brokenUntil).toISOString() : null,
      parts_refused: [...this.refused.values()].filter((until) => until > nowMs).length,
      last_run: this.lastRun,
    };
  }

  /** Marks the in-memory vectors stale (after this isolate wrote new ones). */
  invalidate(): void {
    this.lastCheck = -Infinity;
  }

  /**
   * Starts `refresh` through `background` unless a check ran within the interval; never waits
   * for it. Searches use the vectors in memory meanwhile (none yet: lexical results), so a
   * first search in a new isolate is never held up by loading every vector.
   */
  refreshSoon(db: Db, contentVersion: string, nowMs: number, logger: Logger, background: (task: () => Promise<unknown>) => void): void {
    if ((this.loading && Date.now() - this.loadingSince < STUCK_MS) || (nowMs - this.lastCheck < this.checkIntervalMs && this.loadedKey?.startsWith(`${contentVersion}|`))) return;
    background(() =>
      this.refresh(db, contentVersion, nowMs, logger).catch((error: unknown) =>
        logger.warn('semantic search: the vectors could not be loaded (lexical results until they are)', { error: message(error) }),
      ),
    );
  }

  /**
   * Reloads the vectors when the stored ones or the articles changed (`contentVersion` is the
   * search index's version). At most one check per interval; concurrent callers share a load.
   */
  async refresh(db: Db, contentVersion: string, nowMs: number, logger: Logger): Promise<void> {
    if (nowMs - this.lastCheck < this.checkIntervalMs && this.loadedKey?.startsWith(`${contentVersion}|`)) return;
    this.lastCheck = nowMs;
    if (!this.loading || Date.now() - this.loadingSince > STUCK_MS) {
      const load = this.reload(db, contentVersion, logger).finally(() => {
        if (this.loading === load) this.loading = null;
      });
      this.loading = load;
      this.loadingSince = Date.now();
    }
    await this.loading;
  }

  /** Loads what is stored now, after any load under way (which may have read older rows). */
  async reloadNow(db: Db, contentVersion: string, logger: Logger): Promise<void> {
    await this.loading?.catch(() => undefined);
    this.invalidate();
    await this.refresh(db, contentVersion, Date.now(), logger);
  }

  private async reload(db: Db, contentVersion: string, logger: Logger): Promise<void> {
    const [state] = await db.select({ seq: searchState.seq }).from(searchState).where(eq(searchState.key, vectorsStateKey(this.model)));
    const key = `${contentVersion}|${state?.seq ?? 0}`;
    if (key === this.loadedKey) return;
    const published = and(eq(articleVectors.model, this.model), eq(articles.status, 'published'));
    // One model name, one size: rows of another size (a model swapped under the same name) are
    // left out; the size most rows have wins.
    const sizes = await db
      .select({ dims: articleVectors.dims, n: count() })
      .from(articleVectors)
      .innerJoin(articles, eq(articles.id, articleVectors.articleId))
      .where(published)
      .groupBy(articleVectors.dims);
    const [dims, rowCount] = sizes.map((r): [number, number] => [r.dims, r.n]).sort((a, b) => b[1] - a[1])[0] ?? [0, 0];
    if (rowCount * dims > this.maxBytes) {
      logger.warn('semantic search off: the vectors exceed the in-memory budget (lexical search only)', { vectors: rowCount, dims, budget_bytes: this.maxBytes });
      this.vectors = EMPTY;
      this.loadedKey = key;
      return;
    }
    // Old and new vectors side by side would take twice the memory: past half the budget the
    // old ones go first (searches are lexical for the moment of the load).
    if ((rowCount * dims) * 2 > this.maxBytes) this.vectors = EMPTY;
    // Pages of about 1 MB of vectors (their base64 text is 1.35 times that).
    const page = Math.min(this.loadPage, Math.max(50, Math.floor(1_000_000 / Math.max(1, dims))));
    const matrix = new Int8Array(rowCount * dims);
    const scales = new Float32Array(rowCount);
    const entries: ArticleEntry[] = [];
    let row = 0;
    // In pages, so the encoded rows in memory at once stay small (an isolate has 128 MB).
    // Keyset pages: each continues after the last (article, part) read, by the primary key.
    let after: { id: string; part: number } | null = null;
    while (row < rowCount) {
      const from: SQL | undefined = after ? sql`(${articleVectors.articleId}, ${articleVectors.part}) > (${after.id}, ${after.part})` : undefined;
      const rows: VectorRow[] = await db
        .select({
          id: articleVectors.articleId,
          part: articleVectors.part,
          dims: articleVectors.dims,
          vector: articleVectors.vector,
          locale: articles.locale,
          category: articles.category,
          kind: articles.kind,
          audience: articles.audience,
        })
        .from(articleVectors)
        .innerJoin(articles, eq(articles.id, articleVectors.articleId))
        .where(and(published, eq(articleVectors.dims, dims), from))
        .orderBy(articleVectors.articleId, articleVectors.part)
        .limit(page);
      if (rows.length === 0) break;
      const last = rows.at(-1)!;
      after = { id: last.id, part: last.part };
      for (const r of rows) {
        if (row >= rowCount) break;
        let unit: Float32Array | null = null;
        try {
          const v = decodeVector(r.vector);
          unit = v.length === dims ? unitVector(v) : null;
        } catch {
          unit = null; // a damaged row: skipped, the article keeps its other parts
        }
        if (!unit) continue;
        let entry = entries.at(-1);
        if (entry?.id !== r.id) entries.push((entry = { id: r.id, locale: r.locale, category: r.category, kind: r.kind, audience: r.audience, first: row, count: 0 }));
        scales[row] = quantize(unit, matrix, row * dims);
        entry.count++;
        row++;
      }
      if (rows.length < page) break;
    }
    this.vectors = { matrix, scales, dims, entries };
    this.loadedKey = key;
  }

  /** The query's unit vector; each caller waits at most the budget, even for a request another started. */
  private embedQuery(query: string): Promise<Float32Array> {
    const cached = this.queries.get(query);
    if (cached) return Promise.resolve(cached);
    return withTimeout(this.sharedQueryEmbedding(query), this.timeoutMs);
  }

  private sharedQueryEmbedding(query: string): Promise<Float32Array> {
    let pending = this.inFlight.get(query);
    if (!pending) {
      pending = withTimeout(this.queryEmbeddings.embedQuery(query), this.timeoutMs)
        .then((v) => {
          const unit = unitVector(v);
          if (!unit) throw new Error('the model returned an empty or invalid vector');
          this.queries.set(query, unit);
          return unit;
        })
        .finally(() => this.inFlight.delete(query));
      this.inFlight.set(query, pending);
    }
    return pending;
  }

  /**
   * Each visible article's semantic score (0–1, against the query's background; see the
   * header), or null when semantic scores cannot help this query: no vectors, too small a
   * background, the model failing or slow (the breaker then skips it for `breakerMs`).
   */
  async scores(query: string, filter: SearchFilter, logger: Logger, nowMs = Date.now()): Promise<Map<string, number> | null> {
    // One consistent set of vectors for the whole query, whatever a load does meanwhile.
    const { matrix, scales, dims, entries } = this.vectors;
    if (entries.length === 0 || nowMs < this.brokenUntil) return null;
    const background = filter.locale ? entries.filter((a) => a.locale === filter.locale) : entries;
    if (background.length < this.minBackground) return null;
    let q: Float32Array;
    try {
      q = await this.embedQuery(query);
    } catch (error) {
      this.brokenUntil = nowMs + this.breakerMs;
      logger.warn('semantic search skipped: the query was not embedded', { error: message(error), retry_in_ms: this.breakerMs });
      return null;
    }
    if (q.length !== dims) {
      // The model answers in another size than the stored vectors: the job re-embeds them all.
      this.observedDims = q.length;
      this.syncedContent = null;
      this.brokenUntil = nowMs + this.breakerMs;
      logger.warn('semantic search skipped: the model now answers in another size; re-embedding', { query: q.length, stored: dims });
      return null;
    }
    const best = new Map<string, number>();
    let sum = 0;
    for (const a of background) {
      let s = -1;
      for (let p = a.first; p < a.first + a.count; p++) s = Math.max(s, scales[p]! * dotAt(q, matrix, p * dims));
      sum += s;
      if (!filter.audiences.includes(a.audience)) continue;
      if (filter.category && a.category !== filter.category) continue;
      if (filter.kind && a.kind !== filter.kind) continue;
      best.set(a.id, s);
    }
    const mean = sum / background.length;
    if (!Number.isFinite(mean)) return null;
    const span = 1 - mean;
    for (const [id, s] of best) best.set(id, span > 1e-6 ? Math.min(1, Math.max(0, (s - mean) / span)) : 0);
    return best;
  }
}

/**
 * Blends semantic scores into a lexical ranking: the lexical pool plus the best semantic
 * articles, each scored `(lexical + w × semantic) / (1 + w)`, best first (ties keep the
 * lexical order). An article with no semantic score (no vectors yet) keeps its lexical score;
 * articles found only semantically carry no matched terms.
 */
export function blendSemantic(lexical: RankedArticle[], semantic: Map<string, number>, weight: number, pool: number): RankedArticle[] {
  const known = new Set(lexical.map((r) => r.id));
  const extra = [...semantic]
    .filter(([id]) => !known.has(id))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, pool);
  const entries = [
    ...lexical,
    ...extra.map(([id]): RankedArticle => ({ id, score: 0, relevance: 0, phrasingMatch: 0, articleMatch: 0, bestPhrasing: -1, match: {}, queryTerms: [] })),
  ].map((r, i) => {
    const s = semantic.get(r.id);
    if (s === undefined) return { r, i };
    const relevance = (r.relevance + weight * s) / (1 + weight);
    return { r: { ...r, relevance, score: Math.min(1, Math.max(0, relevance)), semanticMatch: s }, i };
  });
  entries.sort((a, b) => b.r.relevance - a.r.relevance || a.i - b.i);
  return entries.map((e) => e.r);
}
