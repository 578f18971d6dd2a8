/**
 * The editors' article list: every status (drafts, in review, published, archived), filters,
 * a plain text filter over titles, slugs, summaries and alternate questions, and what an editor
 * scans for — staged changes, outdated translations, scheduled publication, helpfulness votes.
 * Unlike GET /api/search it is not logged, so editors looking for an article leave no trace in
 * the search analytics or the content-gaps report.
 */
import { aliasedTable, and, count, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { articleFeedback, articleRevisions, articles, type ArticleKind, type ArticleStatus, type Audience, type Locale } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';

export type EditorListFilter = {
  q?: string | undefined;
  status?: ArticleStatus | undefined;
  locale?: Locale | undefined;
  category?: string | undefined;
  kind?: ArticleKind | undefined;
  audience?: Audience | undefined;
  translationGroup?: string | undefined;
  /** Only articles with a staged edit waiting to be published. */
  pending?: boolean | undefined;
  page: number;
  limit: number;
};

/** `%`, `_` and `\` typed by an editor are matched literally (LIKE … ESCAPE '\'). */
const likePattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/** A page of articles in any status, most recently changed first, with feedback counts. */
export async function listEditorArticles(deps: Pick<Deps, 'db'>, filter: EditorListFilter) {
  const pending = aliasedTable(articleRevisions, 'pending');
  const conditions: SQL[] = [];
  if (filter.status) conditions.push(eq(articles.status, filter.status));
  if (filter.locale) conditions.push(eq(articles.locale, filter.locale));
  if (filter.category) conditions.push(eq(articles.category, filter.category));
  if (filter.kind) conditions.push(eq(articles.kind, filter.kind));
  if (filter.audience) conditions.push(eq(articles.audience, filter.audience));
  if (filter.translationGroup) conditions.push(eq(articles.translationGroup, filter.translationGroup));
  if (filter.pending) conditions.push(sql`${articles.pendingRevisionId} is not null`);
  // Every word must appear somewhere ("pay crypto" finds "Can I pay with crypto?").
  const fields = [articles.title, articles.slug, articles.summary, articles.questions, pending.title];
  for (const word of (filter.q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 8)) {
    const p = likePattern(word);
    conditions.push(or(...fields.map((f) => sql`lower(${f}) like ${p} escape '\\'`))!);
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const [rows, totals] = await deps.db.batch([
    deps.db
      .select({ a: articles, pendingTitle: pending.title })
      .from(articles)
      .leftJoin(pending, eq(pending.id, articles.pendingRevisionId))
      .where(where)
      .orderBy(desc(articles.updatedAt), articles.slug)
      .limit(filter.limit)
      .offset((filter.page - 1) * filter.limit),
    deps.db
      .select({ n: count() })
      .from(articles)
      .leftJoin(pending, eq(pending.id, articles.pendingRevisionId))
      .where(where),
  ]);
  const ids = rows.map((r) => r.a.id);
  const votes = ids.length
    ? await deps.db
        .select({ id: articleFeedback.articleId, helpful: sql<number>`coalesce(sum(${articleFeedback.helpful}), 0)`, total: count() })
        .from(articleFeedback)
        .where(inArray(articleFeedback.articleId, ids))
        .groupBy(articleFeedback.articleId)
    : [];
  const byId = new Map(votes.map((v) => [v.id, { helpful: Number(v.helpful), not_helpful: v.total - Number(v.helpful) }]));
  const total = totals[0]?.n ?? 0;
  return {
    items: rows.map(({ a, pendingTitle }) => ({
      id: a.id,
      locale: a.locale,
      slug: a.slug,
      title: a.title,
      working_title: pendingTitle ?? a.title,
      translation_group: a.translationGroup,
      kind: a.kind,
      category: a.category,
      audience: a.audience,
      status: a.status,
      version: a.version,
      has_pending_changes: a.pendingRevisionId !== null,
      translation_outdated: a.translationOutdated,
      publish_at: a.publishAt?.toISOString() ?? null,
      published_at: a.publishedAt?.toISOString() ?? null,
      updated_at: a.updatedAt.toISOString(),
      feedback: byId.get(a.id) ?? { helpful: 0, not_helpful: 0 },
    })),
    page: filter.page,
    limit: filter.limit,
    total,
    has_more: filter.page * filter.limit < total,
  };
}
