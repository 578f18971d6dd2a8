/**
 * Editing articles without losing an edit. Every change is a conditional UPDATE on the version
 * the editor last saw (If-Match), so of two racing editors one wins and the other gets 412 with
 * the current version. Every saved version is a revision; a published article's edits are
 * staged in a pending revision while the live version stays visible until it is published.
 */
import { and, desc, eq, ne } from 'drizzle-orm';
import { articleRevisions, articles, categories, settings, type ArticleRow, type RevisionRow } from '../../db/schema/index.js';
import type { Deps, Staff } from '../../deps.js';
import { AppError } from '../../lib/errors.js';
import { auditStatement } from '../audit/audit.service.js';
import { contentHash } from '../knowledge/knowledge.service.js';
import { reindexArticle } from '../search/search.reindex.js';

export type ArticleContent = Pick<ArticleRow, 'slug' | 'kind' | 'title' | 'summary' | 'body' | 'questions' | 'tags' | 'category' | 'audience'>;
export type CreateInput = ArticleContent & { locale: ArticleRow['locale']; translationOf?: string | undefined };

const CONTENT_FIELDS = ['slug', 'kind', 'title', 'summary', 'body', 'questions', 'tags', 'category', 'audience'] as const;

/** Parses an If-Match header: `W/"3"`, `"3"` or `3` → 3. Missing → 428; not a version → 400. */
export function parseIfMatch(header: string | undefined): number {
  if (header === undefined) {
    throw new AppError('precondition_required', 'editor: send If-Match with the version you edited (the ETag of the article)', {
      errors: [{ path: 'header.if-match', message: 'Required' }],
    });
  }
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) throw new AppError('bad_request', `editor: If-Match "${header}" is not an article version`, { errors: [{ path: 'header.if-match', message: 'Expected a version such as "3"' }] });
  return Number(match[1]);
}

async function assertCategory(deps: Pick<Deps, 'db'>, slug: string) {
  const [row] = await deps.db.select({ slug: categories.slug }).from(categories).where(eq(categories.slug, slug));
  if (!row) throw new AppError('validation_failed', `editor: unknown category "${slug}"`, { errors: [{ path: 'body.category', message: 'Unknown category' }] });
}

async function assertSlugFree(deps: Pick<Deps, 'db'>, locale: string, slug: string, exceptId?: string) {
  const conditions = [eq(articles.locale, locale as ArticleRow['locale']), eq(articles.slug, slug)];
  if (exceptId) conditions.push(ne(articles.id, exceptId));
  const [taken] = await deps.db.select({ id: articles.id }).from(articles).where(and(...conditions));
  if (taken) throw new AppError('conflict', `editor: the slug "${slug}" is already used in locale ${locale}`, { errors: [{ path: 'body.slug', message: 'Already used in this locale' }] });
}

export async function getArticleById(deps: Pick<Deps, 'db'>, id: string): Promise<ArticleRow> {
  const [row] = await deps.db.select().from(articles).where(eq(articles.id, id));
  if (!row) throw new AppError('not_found', `editor: no article ${id}`);
  return row;
}

function revisionOf(deps: Deps, article: Pick<ArticleRow, 'id'>, version: number, content: ArticleContent, status: RevisionRow['status'], actor: Staff, note: string): RevisionRow {
  return { id: deps.newId(), articleId: article.id, version, ...content, status, changeNote: note, createdBy: actor.id, createdAt: deps.clock.now() };
}

/** Creates a draft. `translationOf` links it to another article's translation group. */
export async function createArticle(deps: Deps, input: CreateInput, actor: Staff): Promise<ArticleRow> {
  await assertCategory(deps, input.category);
  await assertSlugFree(deps, input.locale, input.slug);
  const group = input.translationOf ? (await getArticleById(deps, input.translationOf)).translationGroup : input.slug;
  const now = deps.clock.now();
  const content = Object.fromEntries(CONTENT_FIELDS.map((f) => [f, input[f]])) as ArticleContent;
  const row: ArticleRow = {
    id: deps.newId(),
    locale: input.locale,
    translationGroup: group,
    ...content,
    status: 'draft',
    version: 1,
    contentHash: await contentHash({ ...content, locale: input.locale, translation: group, status: 'draft' }),
    publishedAt: null,
    publishAt: null,
    pendingRevisionId: null,
    translationOutdated: false,
    createdBy: actor.id,
    updatedBy: actor.id,
    createdAt: now,
    updatedAt: now,
  };
  await deps.db.batch([
    deps.db.insert(articles).values(row),
    deps.db.insert(articleRevisions).values(revisionOf(deps, row, 1, content, 'draft', actor, 'Created')),
    auditStatement(deps.db, now, { actorId: actor.id, action: 'article.create', entityType: 'article', entityId: row.id, summary: `${row.locale}/${row.slug}: ${row.title}` }),
  ]);
  return row;
}

/**
 * Saves an edit made on `expectedVersion`. A draft changes in place; a published article keeps
 * its live content and gets a pending revision, published later. Returns the new state.
 */
export async function updateArticle(deps: Deps, id: string, expectedVersion: number, patch: Partial<ArticleContent> & { changeNote?: string | undefined }, actor: Staff): Promise<ArticleRow> {
  const current = await getArticleById(deps, id);
  if (current.version !== expectedVersion) throw stale(current);
  if (patch.category) await assertCategory(deps, patch.category);
  if (patch.slug) await assertSlugFree(deps, current.locale, patch.slug, id);
  const base = await staged(deps, current);
  const content = { ...base, ...Object.fromEntries(CONTENT_FIELDS.filter((f) => patch[f] !== undefined).map((f) => [f, patch[f]])) } as ArticleContent;
  const version = current.version + 1;
  const now = deps.clock.now();
  const note = patch.changeNote ?? '';
  const live = current.status === 'published';
  const revision = revisionOf(deps, current, version, content, live ? 'draft' : current.status, actor, note);
  const set = live
    ? { version, pendingRevisionId: revision.id, updatedBy: actor.id, updatedAt: now }
    : { ...content, version, contentHash: await contentHash({ ...content, locale: current.locale, translation: current.translationGroup, status: 'draft' }), updatedBy: actor.id, updatedAt: now };
  // The conditional UPDATE decides the race: if another editor saved since we read, no row
  // matches the version and this edit is refused before anything else is written.
  const [saved] = await deps.db.update(articles).set(set).where(and(eq(articles.id, id), eq(articles.version, expectedVersion))).returning();
  if (!saved) throw stale(await getArticleById(deps, id));
  await deps.db.batch([
    deps.db.insert(articleRevisions).values(revision),
    auditStatement(deps.db, now, { actorId: actor.id, action: live ? 'article.stage' : 'article.update', entityType: 'article', entityId: id, summary: changedFields(base, content) }),
  ]);
  if (!live) deps.search.apply(saved);
  return saved;
}

function stale(current: ArticleRow) {
  return new AppError('precondition_failed', `editor: the article changed since you loaded it (now version ${current.version}); reload, merge and save again`, {
    extra: { current_version: current.version, updated_by: current.updatedBy, updated_at: current.updatedAt.toISOString() },
  });
}

/** The content an editor is working on: the pending revision if any, else the row. */
export async function staged(deps: Pick<Deps, 'db'>, article: ArticleRow): Promise<ArticleContent> {
  if (article.pendingRevisionId) {
    const [rev] = await deps.db.select().from(articleRevisions).where(eq(articleRevisions.id, article.pendingRevisionId));
    if (rev) return Object.fromEntries(CONTENT_FIELDS.map((f) => [f, rev[f]])) as ArticleContent;
  }
  return Object.fromEntries(CONTENT_FIELDS.map((f) => [f, article[f]])) as ArticleContent;
}

function changedFields(before: ArticleContent, after: ArticleContent): string {
  const changed = CONTENT_FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
  return changed.length ? `changed ${changed.join(', ')}` : 'no content change';
}

export async function listRevisions(deps: Pick<Deps, 'db'>, articleId: string): Promise<RevisionRow[]> {
  await getArticleById(deps, articleId);
  return deps.db.select().from(articleRevisions).where(eq(articleRevisions.articleId, articleId)).orderBy(desc(articleRevisions.version));
}

/** Whether publishing needs a second person (reviewer ≠ author): workspace setting `review_required`. */
export async function reviewRequired(deps: Pick<Deps, 'db'>): Promise<boolean> {
  const [row] = await deps.db.select().from(settings).where(eq(settings.key, 'review_required'));
  return row?.value === true;
}

/**
 * Publishes the article's working content (its pending revision, if any): it becomes live,
 * searchable and usable by the bot at once. Translations of a changed article are flagged
 * outdated. With review required, the last author cannot publish their own change.
 */
export async function publishArticle(deps: Deps, id: string, expectedVersion: number | undefined, actor: Staff, options: { scheduled?: boolean } = {}): Promise<ArticleRow> {
  const current = await getArticleById(deps, id);
  if (expectedVersion !== undefined && current.version !== expectedVersion) throw stale(current);
  const content = await staged(deps, current);
  // A scheduled publication was checked when it was scheduled.
  if (!options.scheduled && (await reviewRequired(deps))) {
    const [lastEdit] = await deps.db.select().from(articleRevisions).where(eq(articleRevisions.articleId, id)).orderBy(desc(articleRevisions.version)).limit(1);
    if (lastEdit?.createdBy === actor.id) {
      throw new AppError('forbidden', 'editor: review is required — another editor must publish your change');
    }
  }
  const now = deps.clock.now();
  const version = current.version + 1;
  const changed = current.status === 'published' && changedFields(current, content) !== 'no content change';
  const [saved] = await deps.db
    .update(articles)
    .set({
      ...content,
      status: 'published',
      publishedAt: current.publishedAt ?? now,
      publishAt: null,
      pendingRevisionId: null,
      translationOutdated: false,
      version,
      contentHash: await contentHash({ ...content, locale: current.locale, translation: current.translationGroup, status: 'published' }),
      updatedBy: actor.id,
      updatedAt: now,
    })
    .where(and(eq(articles.id, id), eq(articles.version, current.version)))
    .returning();
  if (!saved) throw stale(await getArticleById(deps, id));
  await deps.db.batch([
    deps.db.insert(articleRevisions).values(revisionOf(deps, saved, version, content, 'published', actor, 'Published')),
    deps.db
      .update(articles)
      .set({ translationOutdated: changed })
      .where(and(eq(articles.translationGroup, saved.translationGroup), ne(articles.id, id), eq(articles.translationOutdated, false))),
    auditStatement(deps.db, now, { actorId: actor.id, action: options.scheduled ? 'article.publish_scheduled' : 'article.publish', entityType: 'article', entityId: id, summary: `${saved.locale}/${saved.slug} v${version}` }),
  ]);
  reindexArticle(deps, saved);
  return saved;
}
