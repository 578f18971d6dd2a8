/**
 * The embedding job behind semantic re-ranking (search.semantic.ts): keeps `article_vectors`
 * in step with the published articles for the configured model. Each article is cut into
 * parts (title, alternate questions, body passages of a few sentences); a part is embedded
 * again only when its text changed (`text_hash`), and parts of articles no longer published
 * are deleted. Runs after knowledge imports and publications (debounced, in the background),
 * at start and on the every-minute cron, so a failed run (the model's server down) is retried.
 */
import type { Context } from 'hono';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { articles, articleVectors } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { markdownToText } from '../../lib/markdown.js';
import type { SemanticSearch } from './search.semantic.js';
import { readSignature, signatureKey } from './search.signature.js';

/** Alternate questions and body passages embedded per article, at most. */
export const MAX_QUESTION_PARTS = 12;
export const MAX_BODY_PARTS = 8;
/** A body passage: whole sentences up to about this many characters. */
const PASSAGE_CHARS = 400;
/** Texts per embedding request. */
const BATCH = 32;
/** Rows per insert (7 parameters each; D1 binds at most 100). */
const ROWS_PER_INSERT = 14;

export function encodeVector(v: ArrayLike<number>): string {
  const bytes = new Uint8Array(Float32Array.from(v).buffer);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export function decodeVector(text: string): Float32Array {
  const bin = atob(text);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Float32Array(bytes.buffer, 0, bytes.length >> 2);
}

/** Body text as passages of whole sentences (Chinese and Latin sentence ends). */
export function passages(text: string, size = PASSAGE_CHARS): string[] {
  const sentences = text.split(/(?<=[.!?。！？；;])\s*/u).map((s) => s.trim()).filter(Boolean);
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
  return [a.title, ...a.questions.slice(0, MAX_QUESTION_PARTS), ...body].map((t) => t.trim()).filter(Boolean);
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
export type SyncReport = { embedded: number; removed: number; articles: number };

/** Brings the stored vectors of `semantic.model` in step with the published articles. */
export async function syncVectors(db: Db, semantic: SemanticSearch, now: Date): Promise<SyncReport> {
  const rows = await db
    .select({ id: articles.id, title: articles.title, questions: articles.questions, summary: articles.summary, body: articles.body })
    .from(articles)
    .where(eq(articles.status, 'published'));
  const stored = await db
    .select({ articleId: articleVectors.articleId, part: articleVectors.part, textHash: articleVectors.textHash })
    .from(articleVectors)
    .where(eq(articleVectors.model, semantic.model));
  const have = new Map(stored.map((s) => [`${s.articleId}\u0000${s.part}`, s.textHash]));

  const wanted = new Set<string>();
  const todo: { articleId: string; part: number; hash: string; text: string }[] = [];
  for (const row of rows) {
    const parts = articleParts(row);
    for (const [part, text] of parts.entries()) {
      const key = `${row.id}\u0000${part}`;
      wanted.add(key);
      const hash = hashText(text);
      if (have.get(key) !== hash) todo.push({ articleId: row.id, part, hash, text });
    }
  }
  const stale = stored.filter((s) => !wanted.has(`${s.articleId}\u0000${s.part}`));

  let embedded = 0;
  for (let i = 0; i < todo.length; i += BATCH) {
    const batch = todo.slice(i, i + BATCH);
    const vectors = await semantic.embeddings.embedDocuments(batch.map((t) => t.text));
    if (vectors.length !== batch.length) throw new Error(`embedding model returned ${vectors.length} vectors for ${batch.length} texts`);
    const values = batch.map((t, k) => ({
      articleId: t.articleId,
      model: semantic.model,
      part: t.part,
      textHash: t.hash,
      dims: vectors[k]!.length,
      vector: encodeVector(vectors[k]!),
      updatedAt: now,
    }));
    for (let j = 0; j < values.length; j += ROWS_PER_INSERT) {
      await db
        .insert(articleVectors)
        .values(values.slice(j, j + ROWS_PER_INSERT))
        .onConflictDoUpdate({
          target: [articleVectors.articleId, articleVectors.model, articleVectors.part],
          set: { textHash: sqlExcluded('text_hash'), dims: sqlExcluded('dims'), vector: sqlExcluded('vector'), updatedAt: sqlExcluded('updated_at') },
        });
    }
    embedded += batch.length;
  }

  // Parts that no longer exist: whole articles (unpublished) in bulk, shortened ones part by part.
  const goneArticles = [...new Set(stale.map((s) => s.articleId))].filter((id) => !rows.some((r) => r.id === id));
  for (let i = 0; i < goneArticles.length; i += 90) {
    await db.delete(articleVectors).where(and(eq(articleVectors.model, semantic.model), inArray(articleVectors.articleId, goneArticles.slice(i, i + 90))));
  }
  const gone = new Set(goneArticles);
  for (const s of stale) {
    if (gone.has(s.articleId)) continue;
    await db
      .delete(articleVectors)
      .where(and(eq(articleVectors.model, semantic.model), eq(articleVectors.articleId, s.articleId), eq(articleVectors.part, s.part)));
  }
  if (embedded > 0 || stale.length > 0) semantic.invalidate();
  return { embedded, removed: stale.length, articles: rows.length };
}

const sqlExcluded = (column: string) => sql.raw(`excluded.${column}`);

/** Runs the embedding job now (one at a time per isolate); failures are logged, never thrown. */
export async function runVectorSync(deps: Pick<Deps, 'db' | 'semantic' | 'clock' | 'logger'>): Promise<SyncReport | null> {
  const semantic = deps.semantic;
  if (!semantic) return null;
  if (semantic.syncing) await semantic.syncing.catch(() => undefined);
  // Nothing to do when no article changed since the last complete run (one cheap query).
  const content = signatureKey(await readSignature(deps.db));
  if (content === semantic.syncedContent) return { embedded: 0, removed: 0, articles: -1 };
  const run = syncVectors(deps.db, semantic, deps.clock.now());
  semantic.syncing = run;
  try {
    const report = await run;
    semantic.syncedContent = content;
    if (report.embedded > 0 || report.removed > 0) deps.logger.info('article vectors updated', { model: semantic.model, ...report });
    return report;
  } catch (error) {
    deps.logger.warn('article vectors not updated (retried on the next change or cron)', { model: semantic.model, error: error instanceof Error ? error.message : String(error) });
    return null;
  } finally {
    if (semantic.syncing === run) semantic.syncing = null;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** After content changes: runs the embedding job in the background once changes settle (1 s). */
export function scheduleVectorSync(deps: Deps, c?: Context, delayMs = 1000): void {
  const semantic = deps.semantic;
  if (!semantic) return;
  const generation = ++semantic.syncGeneration;
  deps.background.run(c, async () => {
    await sleep(delayMs);
    if (generation === semantic.syncGeneration) await runVectorSync(deps);
  });
}
