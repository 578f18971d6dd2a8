/**
 * Benchmark databases: a libSQL file with the real migrations and a generated corpus
 * (scripts/lib/corpus.ts) stored as published article rows, written directly in large
 * batches (the knowledge import also writes revisions and audit rows: too slow for 100k).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { createDb, type LibsqlDb } from '../../src/db/client.js';
import { articles, categories, type NewArticleRow } from '../../src/db/schema/index.js';
import type { IndexableArticle } from '../../src/features/search/search.engine.js';
import type { Deps } from '../../src/deps.js';
import type { SearchIndex } from '../../src/features/search/search.index.js';
import { localDeps } from '../../src/runtime/memory.js';
import { applyMigrations } from '../../src/runtime/migrate.js';

/** Opens (creating if needed) a libSQL file database with the migrations applied. */
export async function openFileDb(file: string): Promise<{ client: Client; db: LibsqlDb }> {
  const client = createClient({ url: `file:${file}` });
  await client.execute('PRAGMA journal_mode = WAL');
  await client.execute('PRAGMA synchronous = NORMAL');
  const db = createDb(client);
  await applyMigrations(db);
  return { client, db };
}

export async function tempDbFile(name = 'bench.db'): Promise<string> {
  return path.join(await mkdtemp(path.join(tmpdir(), 'helpdesk-bench-')), name);
}

/** Stores the corpus as published articles (all updated at `at`, as an import does). */
export async function seedCorpus(db: LibsqlDb, corpus: IndexableArticle[], at = new Date('2026-11-01T00:00:00Z')): Promise<void> {
  const cats = [...new Set(corpus.map((a) => a.category))];
  await db
    .insert(categories)
    .values(cats.map((slug, i) => ({ slug, position: i, names: { en: slug, zh: slug }, descriptions: {}, updatedAt: at })))
    .onConflictDoNothing();
  const rows: NewArticleRow[] = corpus.map((a) => ({
    id: a.id,
    slug: a.id,
    locale: a.locale as NewArticleRow['locale'],
    translationGroup: a.id,
    kind: a.kind as NewArticleRow['kind'],
    title: a.title,
    summary: a.summary,
    body: a.body,
    questions: a.questions,
    tags: a.tags,
    category: a.category,
    audience: a.audience as NewArticleRow['audience'],
    status: 'published',
    version: 1,
    contentHash: a.id,
    publishedAt: at,
    createdAt: at,
    updatedAt: at,
  }));
  for (let i = 0; i < rows.length; i += 500) {
    const [first, ...rest] = rows.slice(i, i + 500).map((row) => db.insert(articles).values(row));
    await db.batch([first!, ...rest]);
  }
}

/** Deps over a benchmark database (no migrations run: like a Worker isolate, whose schema is deployed). */
export function benchDeps(db: LibsqlDb, search: SearchIndex): Deps {
  return localDeps(db, { search });
}
