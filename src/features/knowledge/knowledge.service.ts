import { inArray, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import YAML from 'yaml';
import { z } from 'zod';
import { articleRevisions, articles, categories, type ArticleRow } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import type { FieldError } from '../../lib/errors.js';
import { sha256Hex } from '../../lib/tokens.js';
import { auditStatement } from '../audit/audit.service.js';
import { splitFrontmatter } from './frontmatter.js';
import {
  ArticleFrontmatterSchema,
  CategoriesFileSchema,
  MAX_BODY_CHARS,
  type ArticleFrontmatter,
  type CategoriesFile,
} from './knowledge.schemas.js';

/** A text file as read from disk (or a repository); `path` is only used in reports. */
export type SourceFile = { path: string; text: string };
export type ParsedArticle = ArticleFrontmatter & { body: string; path: string };
export type FileProblem = { path: string; errors: FieldError[] };
export type ParseResult = { ok: true; article: ParsedArticle } | { ok: false; problem: FileProblem };

export type ImportReport = {
  created: number;
  updated: number;
  unchanged: number;
  categories: number;
  failed: FileProblem[];
  /** What the import did (or, with dryRun, would do), file by file. */
  changes: Array<{ path: string; action: 'create' | 'update'; article: string }>;
};

const issuesToErrors = (issues: readonly z.core.$ZodIssue[]): FieldError[] =>
  issues.map((i) => ({ path: i.path.map(String).join('.') || '(frontmatter)', message: i.message }));

/** Parses and validates one article file; a bad file is a report naming the field, never a throw. */
export function parseArticleFile(file: SourceFile): ParseResult {
  let data: unknown;
  let content: string;
  try {
    const parsed = splitFrontmatter(file.text);
    data = parsed.data;
    content = parsed.content;
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] ?? 'invalid YAML' : 'invalid YAML';
    return { ok: false, problem: { path: file.path, errors: [{ path: '(frontmatter)', message }] } };
  }
  if (!file.text.trimStart().startsWith('---')) {
    return { ok: false, problem: { path: file.path, errors: [{ path: '(frontmatter)', message: 'missing --- frontmatter block' }] } };
  }
  const result = ArticleFrontmatterSchema.safeParse(data);
  const body = content.trim();
  const errors = result.success ? [] : issuesToErrors(result.error.issues);
  if (body.length === 0) errors.push({ path: 'body', message: 'the article has no body' });
  if (body.length > MAX_BODY_CHARS) errors.push({ path: 'body', message: `longer than ${MAX_BODY_CHARS} characters` });
  if (!result.success || errors.length > 0) return { ok: false, problem: { path: file.path, errors } };
  return { ok: true, article: { ...result.data, body, path: file.path } };
}

export function parseCategoriesFile(file: SourceFile): { ok: true; categories: CategoriesFile } | { ok: false; problem: FileProblem } {
  let data: unknown;
  try {
    data = YAML.parse(file.text);
  } catch (error) {
    return { ok: false, problem: { path: file.path, errors: [{ path: '(yaml)', message: String(error) }] } };
  }
  const result = CategoriesFileSchema.safeParse(data);
  if (!result.success) return { ok: false, problem: { path: file.path, errors: issuesToErrors(result.error.issues) } };
  return { ok: true, categories: result.data };
}

/** The content an import compares: two files with the same hash are the same article. */
export function contentHash(a: Omit<ParsedArticle, 'path'> | ArticleFrontmatter & { body: string }): Promise<string> {
  const { slug, locale, translation, title, summary, kind, category, audience, status, tags, questions, body } = a;
  return sha256Hex(
    JSON.stringify([slug, locale, translation ?? slug, title, summary, kind, category, audience, status, tags, questions, body]),
  );
}

const definedEntries = (record: Partial<Record<string, string>>) =>
  Object.fromEntries(Object.entries(record).filter((e): e is [string, string] => e[1] !== undefined));

/**
 * Imports a knowledge folder: categories first, then every article file. Idempotent: an
 * unchanged file is skipped, a changed one updates its article (new version and revision),
 * nothing is duplicated. Bad files are reported with their path and field; the rest import.
 * All writes go in one batch, so a failure leaves the database as it was.
 */
export async function importKnowledge(
  deps: Pick<Deps, 'db' | 'clock' | 'newId'>,
  input: { categoriesFile?: SourceFile; articleFiles: SourceFile[]; actorId?: string | null; dryRun?: boolean },
): Promise<ImportReport> {
  const { db } = deps;
  const now = deps.clock.now();
  const report: ImportReport = { created: 0, updated: 0, unchanged: 0, categories: 0, failed: [], changes: [] };
  const statements: BatchItem<'sqlite'>[] = [];

  let fileCategories: CategoriesFile = [];
  if (input.categoriesFile) {
    const parsed = parseCategoriesFile(input.categoriesFile);
    if (parsed.ok) fileCategories = parsed.categories;
    else report.failed.push(parsed.problem);
  }
  for (const cat of fileCategories) {
    const values = { position: cat.order, names: definedEntries(cat.names), descriptions: definedEntries(cat.descriptions), updatedAt: now };
    statements.push(db.insert(categories).values({ slug: cat.slug, ...values }).onConflictDoUpdate({ target: categories.slug, set: values }));
  }
  report.categories = fileCategories.length;

  const known = new Set([...fileCategories.map((c) => c.slug), ...(await db.select({ slug: categories.slug }).from(categories)).map((r) => r.slug)]);
  const parsed: ParsedArticle[] = [];
  const seen = new Map<string, string>();
  for (const file of input.articleFiles) {
    const result = parseArticleFile(file);
    if (!result.ok) {
      report.failed.push(result.problem);
      continue;
    }
    const { article } = result;
    const key = `${article.locale}/${article.slug}`;
    const errors: FieldError[] = [];
    if (!known.has(article.category)) errors.push({ path: 'category', message: `unknown category "${article.category}"` });
    const earlier = seen.get(key);
    if (earlier) errors.push({ path: 'slug', message: `"${article.slug}" is already used in locale ${article.locale} by ${earlier}` });
    if (errors.length > 0) {
      report.failed.push({ path: file.path, errors });
      continue;
    }
    seen.set(key, file.path);
    parsed.push(article);
  }

  const existing = new Map<string, ArticleRow>();
  const slugs = [...new Set(parsed.map((a) => a.slug))];
  // D1 binds at most 100 parameters per statement.
  for (let i = 0; i < slugs.length; i += 90) {
    const rows = await db
      .select()
      .from(articles)
      .where(inArray(articles.slug, slugs.slice(i, i + 90)));
    for (const row of rows) existing.set(`${row.locale}/${row.slug}`, row);
  }

  for (const article of parsed) {
    const hash = await contentHash(article);
    const current = existing.get(`${article.locale}/${article.slug}`);
    // Compared with what the row holds now (editors may have changed it since the last import).
    if (current && (await contentHash(asFrontmatter(current))) === hash) {
      report.unchanged++;
      continue;
    }
    const id = current?.id ?? deps.newId();
    const version = (current?.version ?? 0) + 1;
    const content = {
      slug: article.slug,
      kind: article.kind,
      title: article.title,
      summary: article.summary,
      body: article.body,
      questions: article.questions,
      tags: article.tags,
      category: article.category,
      audience: article.audience,
      status: article.status,
    };
    const publishedAt = article.status === 'published' ? (current?.publishedAt ?? now) : (current?.publishedAt ?? null);
    report.changes.push({ path: article.path, action: current ? 'update' : 'create', article: `${article.locale}/${article.slug}` });
    const fields = { ...content, translationGroup: article.translation ?? article.slug, contentHash: hash, version, publishedAt, updatedBy: input.actorId ?? null, updatedAt: now };
    if (current) {
      statements.push(db.update(articles).set(fields).where(sql`${articles.id} = ${id}`));
      report.updated++;
    } else {
      statements.push(db.insert(articles).values({ id, locale: article.locale, ...fields, createdBy: input.actorId ?? null, createdAt: now }));
      report.created++;
    }
    statements.push(
      db.insert(articleRevisions).values({ id: deps.newId(), articleId: id, version, ...content, changeNote: `Imported from ${article.path}`, createdBy: input.actorId ?? null, createdAt: now }),
    );
  }

  if (statements.length > 0 && !input.dryRun) {
    const summary = `${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.failed.length} failed`;
    const audit = auditStatement(db, now, { actorId: input.actorId ?? null, action: 'knowledge.import', entityType: 'knowledge', summary });
    const batch: [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]] = [audit, ...statements];
    await db.batch(batch);
  }
  return report;
}

/** An article row in the shape of its knowledge file's frontmatter (for comparing and exporting). */
export function asFrontmatter(row: ArticleRow): ArticleFrontmatter & { body: string } {
  return {
    slug: row.slug,
    locale: row.locale,
    translation: row.translationGroup,
    title: row.title,
    summary: row.summary,
    kind: row.kind,
    category: row.category,
    audience: row.audience,
    status: row.status,
    tags: row.tags,
    questions: row.questions,
    body: row.body,
  };
}

/** True when no article exists yet: the Node runtime then imports `knowledge/` on start. */
export async function isKnowledgeBaseEmpty(db: Deps['db']): Promise<boolean> {
  const [row] = await db.select({ id: articles.id }).from(articles).limit(1);
  return row === undefined;
}
