/**
 * The FTS5 backend: the index lives in the database (libSQL or D1), so an isolate holds almost
 * nothing and a cold start loads nothing. A query is one round trip: FTS5 finds and bm25-ranks
 * the candidates (with the filters as index tokens), joins their articles, and the vocabulary
 * gives each query term's document frequency; the best candidates are then re-scored in JS on
 * the memory engine's 0–1 scale (search.fts.score.ts).
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { searchState } from '../../db/schema/index.js';
import type { BackendResult, SearchBackend } from './search.backend.js';
import { DEFAULT_RANKING, type RankingOptions, type SearchFilter } from './search.engine.js';
import { prepareCandidate, scoreCandidates, type FtsCandidate } from './search.fts.score.js';
import { syncFts, type SyncOptions } from './search.fts.sync.js';
import { ftsQuery } from './search.fts.terms.js';

/** bm25() weights of the phrasings, body and filters columns. */
export const FTS_WEIGHTS = { phrasings: 2, body: 1 };
/** Candidates re-scored in JS (more: better recall of the re-scoring, more rows read and scored per query; the evaluation sets score the same with 20 and 40, within 0.002). */
export const FTS_CANDIDATES = 30;
/** Matches counted for `total`. */
const COUNT_CAP = 1000;
/** D1 binds at most 100 parameters per statement. */
const MAX_TERMS = 90;
/** A term in more articles than this (and 3% of them) is common: left out of the MATCH (search.fts.terms.ts). */
const COMMON_MIN = 500;
const COMMON_SHARE = 0.03;
/** Document frequencies remembered from earlier queries' vocabulary reads (cleared when the index changes). */
const DF_CACHE_SIZE = 20_000;

type CandidateRow = { id: string; at: number; title: string; questions: string; summary: string; tags: string; body: string; total: number };

/** Candidates' terms kept between queries (popular articles come back): bounded, checked by `updated_at`. */
const CACHE_SIZE = 500;

export type FtsBackendOptions = { candidates?: number; sync?: SyncOptions };

export class FtsBackend implements SearchBackend {
  readonly kind = 'fts5' as const;
  readonly boosts = { ...FTS_WEIGHTS };
  private stats = { docs: 0, terms: 0 };
  behind = false;
  private cache = new Map<string, { at: number; candidate: FtsCandidate }>();
  private dfCache = new Map<string, number>();

  constructor(
    private readonly ranking: RankingOptions = DEFAULT_RANKING,
    private readonly options: FtsBackendOptions = {},
  ) {}

  get size(): number {
    return this.stats.docs;
  }

  /** Nothing to do in process: the table is brought up to date from the database (`catchUp`). */
  apply(): void {}

  async rebuild(db: Db): Promise<void> {
    await syncFts(db, { batch: 250 });
    this.behind = false;
    await this.readStats(db);
  }

  async catchUp(db: Db): Promise<number> {
    const report = await syncFts(db, this.options.sync ?? { maxBatches: 4 });
    this.behind = !report.done;
    await this.readStats(db);
    return report.written;
  }

  async search(db: Db, query: string, filter: SearchFilter, limit: number): Promise<BackendResult> {
    const common = Math.max(COMMON_MIN, COMMON_SHARE * this.stats.docs);
    const q = ftsQuery(query, filter, { df: (t) => this.dfCache.get(t), common });
    if (q.match === null || filter.audiences.length === 0 || limit <= 0) return { ranked: [], total: 0 };
    const pool = Math.max(limit, this.options.candidates ?? FTS_CANDIDATES);
    const terms = q.terms.slice(0, MAX_TERMS);
    const [rows, vocab] = await db.batch([
      db.all<CandidateRow>(sql`
        WITH m AS MATERIALIZED (
          SELECT rowid AS doc, bm25(search_fts, ${FTS_WEIGHTS.phrasings}, ${FTS_WEIGHTS.body}, 0.0) AS rank
          FROM search_fts WHERE search_fts MATCH ${q.match} ORDER BY rank LIMIT ${COUNT_CAP})
        SELECT a.id, a.updated_at AS at, a.title, a.questions, a.summary, a.tags, a.body, (SELECT count(*) FROM m) AS total
        FROM (SELECT doc, rank FROM m ORDER BY rank LIMIT ${pool}) c
        JOIN search_fts_docs d ON d.doc = c.doc JOIN articles a ON a.id = d.article_id
        ORDER BY c.rank`),
      db.all<{ term: string; doc: number }>(
        sql`SELECT term, doc FROM search_fts_vocab WHERE term IN (${sql.join(
          terms.map((t) => sql`${t}`),
          sql`, `,
        )})`,
      ),
    ]);
    const candidates = rows.map((r) => this.candidate(r));
    const df = new Map(vocab.map((v) => [v.term, Number(v.doc)]));
    if (this.dfCache.size > DF_CACHE_SIZE) this.dfCache.clear();
    for (const [t, n] of df) this.dfCache.set(t, n);
    const stats = { docs: Math.max(this.stats.docs, 1), avgLength: this.stats.docs > 0 ? this.stats.terms / this.stats.docs : 100, df };
    const ranked = scoreCandidates(candidates, { ...q, text: query }, stats, this.ranking).slice(0, limit);
    return { ranked, total: Number(rows[0]?.total ?? 0) };
  }

  private candidate(r: CandidateRow): FtsCandidate {
    const at = Number(r.at);
    const cached = this.cache.get(r.id);
    if (cached && cached.at === at) {
      // Refresh its place in the (insertion-ordered) map: least recently used go first.
      this.cache.delete(r.id);
      this.cache.set(r.id, cached);
      return cached.candidate;
    }
    const candidate = prepareCandidate({
      id: r.id,
      title: r.title,
      questions: JSON.parse(r.questions) as string[],
      summary: r.summary,
      tags: JSON.parse(r.tags) as string[],
      // Raw markdown: tokenising drops its punctuation, and markdownToText cost more than the rest of a query.
      body: r.body,
    });
    this.cache.set(r.id, { at, candidate });
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return candidate;
  }

  private async readStats(db: Db): Promise<void> {
    const [row] = await db.select({ docs: searchState.docs, terms: searchState.terms }).from(searchState).where(eq(searchState.key, 'fts'));
    const stats = { docs: row?.docs ?? 0, terms: row?.terms ?? 0 };
    if (stats.docs !== this.stats.docs || stats.terms !== this.stats.terms) this.dfCache.clear();
    this.stats = stats;
  }
}
