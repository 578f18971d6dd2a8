/**
 * Workflow beyond editing: submit for review, archive, schedule, restore a revision, compare
 * revisions. Restoring writes a new version; history is never rewritten.
 */
import { and, eq, isNotNull, lte, ne } from 'drizzle-orm';
import { structuredPatch } from 'diff';
import { articleRevisions, articles, type ArticleRow, type ArticleStatus } from '../../db/schema/index.js';
import type { Deps, Staff } from '../../deps.js';
import { AppError } from '../../lib/errors.js';
import { auditStatement } from '../audit/audit.service.js';
import { reindexArticle } from '../search/search.reindex.js';
import { getArticleById, publishArticle, reviewRequired, updateArticle } from './editor.service.js';

const TRANSITIONS: Record<'submit' | 'archive', { from: ArticleStatus[]; to: ArticleStatus }> = {
  submit: { from: ['draft'], to: 'in_review' },
  archive: { from: ['draft', 'in_review', 'published'], to: 'archived' },
};

/** Moves an article along the workflow (submit for review, archive), on the version the editor saw. */
export async function transition(deps: Deps, id: string, action: keyof typeof TRANSITIONS, expectedVersion: number, actor: Staff): Promise<ArticleRow> {
  const current = await getArticleById(deps, id);
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(current.status)) throw new AppError('conflict', `editor: a ${current.status} article cannot be ${action === 'submit' ? 'submitted for review' : 'archived'}`);
  const now = deps.clock.now();
  const [saved] = await deps.db
    .update(articles)
    .set({ status: rule.to, version: current.version + 1, publishAt: null, updatedBy: actor.id, updatedAt: now })
    .where(and(eq(articles.id, id), eq(articles.version, expectedVersion)))
    .returning();
  if (!saved) {
    const latest = await getArticleById(deps, id);
    throw new AppError('precondition_failed', `editor: the article changed since you loaded it (now version ${latest.version})`, { extra: { current_version: latest.version } });
  }
  await auditStatement(deps.db, now, { actorId: actor.id, action: `article.${action}`, entityType: 'article', entityId: id, summary: `${current.status} → ${rule.to}` });
  reindexArticle(deps, saved);
  return saved;
}

/** Schedules publication at `at` (in the future); `publishDue` makes it live then. */
export async function schedulePublish(deps: Deps, id: string, at: Date, expectedVersion: number, actor: Staff): Promise<ArticleRow> {
  if (at <= deps.clock.now()) throw new AppError('validation_failed', 'editor: publish_at must be in the future', { errors: [{ path: 'body.publish_at', message: 'In the past' }] });
  const current = await getArticleById(deps, id);
  if ((await reviewRequired(deps)) && current.updatedBy === actor.id) throw new AppError('forbidden', 'editor: review is required — another editor must schedule your change');
  const [saved] = await deps.db
    .update(articles)
    .set({ publishAt: at, version: current.version + 1, updatedAt: deps.clock.now() })
    .where(and(eq(articles.id, id), eq(articles.version, expectedVersion)))
    .returning();
  if (!saved) throw new AppError('precondition_failed', 'editor: the article changed since you loaded it', { extra: { current_version: current.version } });
  await auditStatement(deps.db, deps.clock.now(), { actorId: actor.id, action: 'article.schedule', entityType: 'article', entityId: id, summary: at.toISOString() });
  return saved;
}

/** When each process/isolate (its deps) last looked for due articles. */
const lastDueCheck = new WeakMap<object, number>();

/**
 * Publishes every article whose scheduled time has come, as the editor who scheduled it.
 * Called on reads (at most every `everyMs`) and by the Node runtime's tick: no cron needed.
 */
export async function publishDue(deps: Deps, options: { everyMs?: number } = {}): Promise<number> {
  const now = deps.clock.now();
  if (now.getTime() - (lastDueCheck.get(deps) ?? Number.NEGATIVE_INFINITY) < (options.everyMs ?? 0)) return 0;
  lastDueCheck.set(deps, now.getTime());
  const due = await deps.db
    .select()
    .from(articles)
    .where(and(isNotNull(articles.publishAt), lte(articles.publishAt, now), ne(articles.status, 'archived')));
  for (const a of due) {
    await publishArticle(deps, a.id, a.version, { id: a.updatedBy ?? 'scheduler', name: 'scheduler', role: 'editor' }, { scheduled: true });
  }
  return due.length;
}

export async function getRevision(deps: Pick<Deps, 'db'>, id: string, version: number) {
  const [rev] = await deps.db.select().from(articleRevisions).where(and(eq(articleRevisions.articleId, id), eq(articleRevisions.version, version)));
  if (!rev) throw new AppError('not_found', `editor: article ${id} has no version ${version}`);
  return rev;
}

/** Restores an old revision's content as a new version (staged when the article is live). */
export async function restoreRevision(deps: Deps, id: string, revisionVersion: number, expectedVersion: number, actor: Staff): Promise<ArticleRow> {
  const rev = await getRevision(deps, id, revisionVersion);
  const { slug, kind, title, summary, body, questions, tags, category, audience } = rev;
  return updateArticle(deps, id, expectedVersion, { slug, kind, title, summary, body, questions, tags, category, audience, changeNote: `Restored version ${revisionVersion}` }, actor);
}

/** A unified text diff of title, body and questions between two versions of an article. */
export async function diffRevisions(deps: Pick<Deps, 'db'>, id: string, from: number, to: number) {
  const [a, b] = [await getRevision(deps, id, from), await getRevision(deps, id, to)];
  const fields = { title: [a.title, b.title], body: [a.body, b.body], questions: [a.questions.join('\n'), b.questions.join('\n')] } as const;
  const changes: Record<string, string[]> = {};
  for (const [name, [before, after]] of Object.entries(fields)) {
    if (before === after) continue;
    const patch = structuredPatch(`v${from}`, `v${to}`, `${before}\n`, `${after}\n`, '', '', { context: 2 });
    changes[name] = patch.hunks.flatMap((h) => [`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`, ...h.lines]);
  }
  return { from, to, changes };
}
