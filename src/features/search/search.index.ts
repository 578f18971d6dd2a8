/**
 * The live search index of one process or isolate: a backend (memory or FTS5, see
 * search.backend.ts), the synonym sets, and the content version it reflects.
 *
 * Freshness: in-process changes are applied at once (`apply`); changes made elsewhere (another
 * isolate, a `kb:import`) are picked up by `refresh`, which reads the one-row change counter at
 * most once per `checkIntervalMs`, and only when it moved reads the signature and the rows
 * changed since (search.signature.ts).
 * Cold start (memory backend): the first refresh loads the newest snapshot from the database
 * and applies only the rows changed since it; without one it builds from every published
 * article and asks for a snapshot to be written (search.reindex.ts writes it).
 */
import { count, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { articles, synonymSets, type ArticleRow } from '../../db/schema/index.js';
import { chooseBackend, type BackendKind, type BackendResult, type BackendSetting, type SearchBackend } from './search.backend.js';
import type { RankingOptions, SearchFilter } from './search.engine.js';
import { FtsBackend, type FtsBackendOptions } from './search.fts.js';
import { MemoryBackend } from './search.memory.js';
import { changeCounterQuery, EMPTY_SIGNATURE, readChangeCounter, readSignature, signatureKey, signatureQueries, toSignature, type Signature } from './search.signature.js';
import { newestSnapshotQuery } from './search.snapshots.js';
import { compileSynonyms, type CompiledSynonyms } from './search.synonyms.js';

export type SearchIndexOptions = {
  ranking?: RankingOptions;
  /** How often at most the change counter is read (freshness across isolates). Default 1000. */
  checkIntervalMs?: number;
  /** Overrides the configured backend (`AppConfig.searchBackend`); tests and the harness use it. */
  backend?: BackendSetting;
  /** Published articles above which `auto` picks FTS5. */
  autoFts5Above?: number;
  /** FTS5 backend settings (candidates re-scored, sync batches per refresh). */
  fts?: FtsBackendOptions;
  /** Snapshots (memory backend): written after content changes, read at cold start. */
  snapshots?: { enabled?: boolean; delayMs?: number; keep?: number; minArticles?: number };
};

export type SnapshotSettings = { enabled: boolean; delayMs: number; keep: number; minArticles: number };

/** How the index got its content on the first load, for logs and benchmarks. */
export type LoadReport = { backend: BackendKind; from: 'snapshot' | 'rows' | 'fts5'; caughtUp: number; ms: number };

export type RefreshOptions = { force?: boolean; backend?: BackendSetting };

export class SearchIndex {
  private current: SearchBackend | null = null;
  synonyms: CompiledSynonyms = compileSynonyms([]);
  private signature: Signature = EMPTY_SIGNATURE;
  private seq: number | null = null;
  private lastCheck = 0;
  private dirty = false;
  private readonly checkIntervalMs: number;
  readonly snapshots: SnapshotSettings;
  /** Set when this index holds content no stored snapshot has (search.reindex.ts clears it). */
  snapshotWanted = false;
  lastLoad: LoadReport | null = null;

  constructor(private readonly options: SearchIndexOptions = {}) {
    this.checkIntervalMs = options.checkIntervalMs ?? 1000;
    const s = options.snapshots ?? {};
    this.snapshots = { enabled: s.enabled ?? true, delayMs: s.delayMs ?? 2000, keep: s.keep ?? 3, minArticles: s.minArticles ?? 200 };
  }

  /** The content version this index reflects; another process compares it to tell staleness. */
  get version(): string {
    return signatureKey(this.signature);
  }

  /** `Signature.tie` of the version this index reflects (stored with snapshots). */
  get tie(): number {
    return this.signature.tie;
  }

  /** The backend serving, or null before the first refresh. */
  get backend(): SearchBackend | null {
    return this.current;
  }

  get size(): number {
    return this.current?.size ?? 0;
  }

  /** Builds an index of every published article in the database. */
  static async build(db: Db, options: SearchIndexOptions = {}): Promise<SearchIndex> {
    const index = new SearchIndex(options);
    await index.refresh(db, Date.now(), { force: true });
    return index;
  }

  /** An article changed in this process: applied at once (memory), checked on the next search (FTS5). */
  apply(row: ArticleRow): void {
    this.current?.apply(row);
    this.dirty = true;
  }

  /**
   * Brings the index up to date with the database. Cheap when nothing changed (one one-row
   * query, at most once per interval); `force` skips the interval. The first call loads the
   * index. Returns true when anything was (re)loaded.
   */
  async refresh(db: Db, nowMs: number, options: RefreshOptions = {}): Promise<boolean> {
    const force = options.force === true || this.dirty || this.current === null;
    if (!force && nowMs - this.lastCheck < this.checkIntervalMs) return false;
    this.lastCheck = nowMs;
    this.dirty = false;
    if (!this.current) {
      this.seq = await this.load(db, options.backend, options.force === true);
      return true;
    }
    const seq = await readChangeCounter(db);
    // An FTS5 table still syncing a backlog carries on even when nothing new was written.
    const behind = this.current.behind;
    if (options.force !== true && !behind && seq !== null && seq === this.seq) return false;
    const next = await readSignature(db);
    this.seq = seq;
    if (signatureKey(next) === this.version && options.force !== true && !behind) return false;
    await this.catchUp(db, next, options.force === true, behind);
    return true;
  }

  async search(db: Db, query: string, filter: SearchFilter, limit: number): Promise<BackendResult> {
    if (!this.current) await this.refresh(db, Date.now());
    return this.current!.search(db, query, filter, limit);
  }

  /**
   * Applies what changed between this index's signature and `next`; returns how many rows it
   * read (-1: rebuilt). A bulk change (an import) asks for a fresh snapshot; single edits are
   * snapshotted by the instance that made them (search.reindex.ts).
   */
  private async catchUp(db: Db, next: Signature, force: boolean, behind = false): Promise<number> {
    const backend = this.current!;
    const prev = this.signature;
    if (force || next.synonyms !== prev.synonyms || next.synonymsAt !== prev.synonymsAt) {
      this.synonyms = compileSynonyms(await db.select().from(synonymSets));
    }
    let read = 0;
    if (next.articles < prev.articles) {
      // Rows were deleted: rare (articles are archived, not deleted), so rebuild from scratch.
      await backend.rebuild(db);
      read = -1;
    } else if (force || behind || next.articles !== prev.articles || next.articlesAt !== prev.articlesAt) {
      read = await backend.catchUp(db, new Date(prev.articlesAt), prev.tie);
    }
    this.signature = next;
    if (read < 0 || read > Math.max(20, this.size * 0.02)) this.snapshotWanted = true;
    return read;
  }

  /**
   * First load: picks the backend, then restores a snapshot or builds from the articles.
   * One batch (one round trip to D1 or Turso) reads the change counter, the signature, the
   * synonyms and the newest snapshot. Returns the change counter.
   */
  private async load(db: Db, configured: BackendSetting | undefined, force: boolean): Promise<number | null> {
    const started = performance.now();
    const setting = this.options.backend ?? configured ?? 'auto';
    const [[counter, a, s, t, synonyms, snapshot], published] = await Promise.all([
      db.batch([changeCounterQuery(db), ...signatureQueries(db), db.select().from(synonymSets), newestSnapshotQuery(db).limit(this.snapshots.enabled ? -1 : 0)]),
      this.publishedCount(db, setting),
    ]);
    const sig = toSignature(a, s, t);
    this.synonyms = compileSynonyms(synonyms);
    const kind = chooseBackend(this.options.backend ?? configured ?? 'auto', published, this.options.autoFts5Above);
    if (kind === 'fts5') {
      const fts = new FtsBackend(this.options.ranking, this.options.fts);
      // A forced first refresh (the Node start) brings the FTS5 table fully up to date.
      await (force ? fts.rebuild(db) : fts.catchUp(db));
      this.current = fts;
      this.signature = sig;
      this.lastLoad = { backend: kind, from: 'fts5', caughtUp: 0, ms: performance.now() - started };
      return counter[0]?.seq ?? null;
    }
    const memory = new MemoryBackend(this.options.ranking);
    const restored = this.snapshots.enabled ? await memory.loadSnapshot(db, snapshot) : null;
    this.current = memory;
    if (restored) {
      this.signature = restored;
      const read = signatureKey(restored) === signatureKey(sig) ? 0 : await this.catchUp(db, sig, false);
      this.lastLoad = { backend: kind, from: 'snapshot', caughtUp: read, ms: performance.now() - started };
      return counter[0]?.seq ?? null;
    }
    await memory.rebuild(db);
    this.signature = sig;
    this.snapshotWanted = true;
    this.lastLoad = { backend: kind, from: 'rows', caughtUp: 0, ms: performance.now() - started };
    return counter[0]?.seq ?? null;
  }

  /** Published articles, only when `auto` needs the number (it reads an index of every row). */
  private async publishedCount(db: Db, setting: BackendSetting): Promise<number> {
    if (setting !== 'auto') return 0;
    const [row] = await db.select({ n: count() }).from(articles).where(eq(articles.status, 'published'));
    return row?.n ?? 0;
  }
}
