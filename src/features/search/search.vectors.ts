/**
 * The embedding job behind semantic re-ranking (search.semantic.ts): keeps `article_vectors`
 * in step with the published articles for the configured model. Each article is cut into
 * parts (title, alternate questions, body passages of a few sentences); a part is embedded
 * again only when its text changed (`text_hash`), and parts of articles no longer published
 * are deleted. Runs after knowledge imports and publications (debounced, in the background),
 * at start and on the every-minute cron, so a failed run (the model's server down) is retried.
 */
import type { Context } from 'hono';
import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { articles, articleVectors, searchState } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { markdownToText } from '../../lib/markdown.js';
import { vectorsStateKey, type SemanticSearch } from './search.semantic.js';
import { encodeVector, unitVector } from './search.vectormath.js';
import { readChangeCounter } from './search.signature.js';

/** Alternate questions and body passages embedded per article, at most. */
export const MAX_QUESTION_PARTS = 12;
export const MAX_BODY_PARTS = 8;
/** A body passage: whole sentences up to about this many characters. */
const PASSAGE_CHARS = 400;
/** Texts per embedding request. */
const BATCH = 32;
/** Rows per insert (7 parameters each; D1 binds at most 100). */
const ROWS_PER_INSERT = 14;

/** Longest text sent to the model as one part (characters); longer sentences are cut. */
const MAX_PART_CHARS = 1000;

/** Cuts a text longer than `size` into pieces of at most `size` characters, at spaces when it can. */
function cut(text: string, size: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > size) {
    const space = rest.lastIndexOf(' ', size);
    const at = space > size / 2 ? space : size;
    out.push(rest.slice(0, at).trim());
    rest = rest.slice(at).trim();
  }
  if (rest) out.push(rest);
  return out;
}

/**
 * Body text as passages of whole sentences (Chinese and Latin sentence ends; a Latin end needs
 * a space after it, so "example.com" and "2.5" stay whole). A sentence longer than a passage is
 * cut into passage-sized pieces.
 */
export function passages(text: string, size = PASSAGE_CHARS): string[] {
  const sentences = text
    .split(/(?<=[.!?;])\s+|(?<=[。！？；])\s*/u)
    .map((s) => s.trim())
    .filter(Boolean)
    .flatMap((s) => cut(s, size));
  const out: string[] = [];
  let current = '';
  for (const s of sentences) {
    if (current && current.length + s.length + 1 > size) (out.push(current), (current = ''));
    // Chinese sentences follow each other without a space; others with one.
    current = !current ? s : /[。！？；]$/u.test(current) ? current + s : `${current} ${s}`;
  }
  if (current) out.push(current);
  return out;
}

type PartSource = { title: string; questions: string[]; summary: string; body: string };

/** The texts an article is embedded as: title, alternate questions, summary and body passages. */
export function articleParts(a: PartSource): string[] {
  const body = passages([a.summary, markdownToText(a.body)].filter(Boolean).join(' ')).slice(0, MAX_BODY_PARTS);
  return [a.title, ...a.questions.slice(0, MAX_QUESTION_PARTS), ...body].map((t) => t.trim().slice(0, MAX_PART_CHARS)).filter(Boolean);
}

/**
 * A part's fingerprint: two FNV-1a hashes with different offsets, and the length. Only tells
 * whether a part changed since it was embedded (a collision would skip one re-embedding).
 */
export function hashText(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193);
  }
  return `${(a >>> 0).toString(16)}${(b >>> 0).toString(16)}-${text.length}`;
}

/** What a run did; `articles` −1: skipped, nothing changed since the last complete run. */
export type SyncReport = { embedded: number; removed: number; refused: number; articles: number };

type Part = { articleId: string; part: number; hash: string; text: string };
const partKey = (articleId: string, part: number) => `${articleId}\u0000${part}`;

/** Bumps the model's vectors counter (search.semantic.ts reloads when it moves). */
const bump = (db: Db, model: string) =>
  db
    .insert(searchState)
    .values({ key: vectorsStateKey(model), seq: 1 })
    .onConflictDoUpdate({ target: searchState.key, set: { seq: sql`${searchState.seq} + 1` } });

/** How long a part the model refused is left alone before it is tried again. */
const REFUSAL_MS = 60 * 60_000;

/**
 * Whether an error says this text cannot be embedded (too long, bad input), rather than that
 * the model cannot be reached or is busy: only then is the part skipped and the run goes on.
 */
export function isRefusal(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  if (status === 400 || status === 413 || status === 422) return true;
  const text = error instanceof Error ? error.message : String(error);
  return /too long|too many tokens|context length|maximum (context|input|sequence)|input (is )?too large/i.test(text);
}

/** A vector the model gave for a text, or why there is none: refused (skip the part) or invalid. */
type Embedded = number[] | 'refused';

/**
 * Embeds `parts` in batches and stores them (each batch with a bump of the counter, in one
 * database batch). A batch that fails is asked for part by part: a part the model refuses
 * (isRefusal, or an empty or non-finite vector) is skipped and remembered for an hour, so one
 * bad text never stops the others; any other error (the model down, busy, slow) ends the run,
 * which is retried later. Returns the parts stored and the size of the vectors returned.
 */
async function embedAndStore(db: Db, semantic: SemanticSearch, parts: Part[], now: Date): Promise<{ stored: number; refused: number; dims: number | null }> {
  let stored = 0;
  let refused = 0;
  let dims: number | null = null;
  const embed = async (batch: Part[]): Promise<Embedded[]> => {
    try {
      const vectors = await semantic.embeddings.embedDocuments(batch.map((t) => t.text));
      if (vectors.length !== batch.length) throw new Error(`the model returned ${vectors.length} vectors for ${batch.length} texts`);
      return vectors.map((v): Embedded => (unitVector(v) ? v : 'refused'));
    } catch (error) {
      if (batch.length === 1) {
        if (isRefusal(error)) return ['refused'];
        throw error;
      }
      // Which part is at fault? One by one; an outage fails them alike and ends the run.
      const out: Embedded[] = [];
      for (const p of batch) out.push(...(await embed([p])));
      return out;
    }
  };
  for (let i = 0; i < parts.length; i += BATCH) {
    const batch = parts.slice(i, i + BATCH);
    const vectors = await embed(batch);
    const values = batch.flatMap((t, k) => {
      const v = vectors[k]!;
      if (v === 'refused') {
        semantic.refused.set(`${partKey(t.articleId, t.part)}\u0000${t.hash}`, Date.now() + REFUSAL_MS);
        refused++;
        return [];
      }
      dims ??= v.length;
      return [{ articleId: t.articleId, model: semantic.model, part: t.part, textHash: t.hash, dims: v.length, vector: encodeVector(v), updatedAt: now }];
    });
    if (values.length === 0) continue;
    const statements = [];
    for (let j = 0; j < values.length; j += ROWS_PER_INSERT) {
      statements.push(
        db
          .insert(articleVectors)
          .values(values.slice(j, j + ROWS_PER_INSERT))
          .onConflictDoUpdate({
            target: [articleVectors.articleId, articleVectors.model, articleVectors.part],
            set: { textHash: sqlExcluded('text_hash'), dims: sqlExcluded('dims'), vector: sqlExcluded('vector'), updatedAt: sqlExcluded('updated_at') },
          }),
      );
    }
    await db.batch([bump(db, semantic.model), ...statements]);
    stored += values.length;
  }
  return { stored, refused, dims };
}

/** Brings the stored vectors of `semantic.model` in step with the published articles. */
export async function syncVectors(db: Db, semantic: SemanticSearch, now: Date): Promise<SyncReport> {
  const rows = await db
    .select({ id: articles.id, title: articles.title, questions: articles.questions, summary: articles.summary, body: articles.body })
    .from(articles)
    .where(eq(articles.status, 'published'));
  const stored = await db
    .select({ articleId: articleVectors.articleId, part: articleVectors.part, textHash: articleVectors.textHash, dims: articleVectors.dims })
    .from(articleVectors)
    .where(eq(articleVectors.model, semantic.model));
  const have = new Map(stored.map((s) => [partKey(s.articleId, s.part), s]));

  const wanted = new Map<string, Part>();
  for (const row of rows) {
    for (const [part, text] of articleParts(row).entries()) wanted.set(partKey(row.id, part), { articleId: row.id, part, hash: hashText(text), text });
  }
  const isRefused = (p: Part) => (semantic.refused.get(`${partKey(p.articleId, p.part)}\u0000${p.hash}`) ?? 0) > Date.now();
  const todo = [...wanted.values()].filter((p) => have.get(partKey(p.articleId, p.part))?.textHash !== p.hash && !isRefused(p));
  const first = await embedAndStore(db, semantic, todo, now);
  let embedded = first.stored;
  let refused = first.refused;

  // The model now answers in another size (swapped under the same name, as seen in this run or
  // by a search): re-embed the rest.
  const size = first.dims ?? semantic.observedDims;
  if (size !== null) {
    const done = new Set(todo.map((p) => partKey(p.articleId, p.part)));
    const resized = stored
      .filter((s) => s.dims !== size && !done.has(partKey(s.articleId, s.part)))
      .map((s) => wanted.get(partKey(s.articleId, s.part)))
      .filter((p): p is Part => p !== undefined && !isRefused(p));
    const again = await embedAndStore(db, semantic, resized, now);
    embedded += again.stored;
    refused += again.refused;
    semantic.observedDims = null;
  }

  // Parts that no longer exist: whole articles (unpublished) in bulk, then the tails of shortened ones.
  // Only rows not newer than this run: another instance may have re-embedded a republished article.
  const stale = stored.filter((s) => !wanted.has(partKey(s.articleId, s.part)));
  const published = new Set(rows.map((r) => r.id));
  const older = lte(articleVectors.updatedAt, now);
  const goneArticles = [...new Set(stale.map((s) => s.articleId))].filter((id) => !published.has(id));
  const deletes = [];
  for (let i = 0; i < goneArticles.length; i += 90) {
    deletes.push(db.delete(articleVectors).where(and(eq(articleVectors.model, semantic.model), inArray(articleVectors.articleId, goneArticles.slice(i, i + 90)), older)));
  }
  // A shortened article lost its last parts: one statement per article.
  const partsOf = new Map<string, number>();
  for (const p of wanted.values()) partsOf.set(p.articleId, Math.max(partsOf.get(p.articleId) ?? 0, p.part + 1));
  for (const id of new Set(stale.filter((s) => published.has(s.articleId)).map((s) => s.articleId))) {
    deletes.push(db.delete(articleVectors).where(and(eq(articleVectors.model, semantic.model), eq(articleVectors.articleId, id), gte(articleVectors.part, partsOf.get(id) ?? 0), older)));
  }
  // A few dozen statements a batch (D1 counts each one against a request's query limit).
  for (let i = 0; i < deletes.length; i += 40) await db.batch([bump(db, semantic.model), ...deletes.slice(i, i + 40)]);
  if (embedded > 0 || stale.length > 0) semantic.invalidate();
  return { embedded, removed: stale.length, refused, articles: rows.length };
}

const sqlExcluded = (column: string) => sql.raw(`excluded.${column}`);

/**
 * Runs the embedding job (one at a time per isolate: a call while one runs asks for one more
 * run after it and shares its outcome). Failures are logged, never thrown; null when it failed.
 */
export function runVectorSync(deps: Pick<Deps, 'db' | 'semantic' | 'clock' | 'logger' | 'search'>): Promise<SyncReport | null> {
  const semantic = deps.semantic;
  if (!semantic) return Promise.resolve(null);
  // A run older than a few minutes is taken as lost (a Workers request's promise may never settle).
  if (semantic.syncing && Date.now() - semantic.syncingSince < 5 * 60_000) {
    semantic.syncAgain = true;
    return semantic.syncing as Promise<SyncReport | null>;
  }
  const once = async (): Promise<SyncReport | null> => {
    try {
      // Nothing to do when no article changed since the last complete run: the change counter
      // (bumped by triggers on every write to articles) is a one-row read.
      const seq = await readChangeCounter(deps.db);
      const content = seq === null ? null : String(seq);
      if (content !== null && content === semantic.syncedContent) return { embedded: 0, removed: 0, refused: 0, articles: -1 };
      const report = await syncVectors(deps.db, semantic, deps.clock.now());
      semantic.syncedContent = content;
      semantic.lastRun = { at: deps.clock.now().toISOString(), embedded: report.embedded, removed: report.removed, refused: report.refused };
      // This process serves what it just stored from its next search on.
      await semantic.reloadNow(deps.db, deps.search.version, deps.logger);
      if (report.embedded > 0 || report.removed > 0 || report.refused > 0) deps.logger.info('article vectors updated', { model: semantic.model, ...report });
      return report;
    } catch (error) {
      semantic.lastRun = { at: deps.clock.now().toISOString(), error: error instanceof Error ? error.message : String(error) };
      deps.logger.warn('article vectors not updated (retried on the next change or cron)', { model: semantic.model, error: error instanceof Error ? error.message : String(error) });
      return null;
    }
  };
  const run = (async () => {
    let report: SyncReport | null;
    do {
      semantic.syncAgain = false;
      report = await once();
    } while (semantic.syncAgain);
    return report;
  })().finally(() => {
    if (semantic.syncing === run) semantic.syncing = null;
  });
  semantic.syncing = run;
  semantic.syncingSince = Date.now();
  return run;
}

/** After content changes: runs the embedding job in the background once changes settle (1 s). */
export function scheduleVectorSync(deps: Deps, c?: Context, delayMs = 1000): void {
  if (deps.semantic) deps.background.debounce(c, 'article-vectors', delayMs, () => runVectorSync(deps));
}
