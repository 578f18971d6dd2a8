import { and, asc, count, desc, eq, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  articles,
  categories,
  type ArticleKind,
  type ArticleRow,
  type ArticleStatus,
  type Audience,
  type CategoryRow,
  type Locale,
} from '../../db/schema/index.js';
import type { Staff } from '../../deps.js';
import { AppError } from '../../lib/errors.js';
import { hasRole } from '../auth/auth.service.js';

/** Who is asking: anonymous customers see published public articles only. */
export type Viewer = { staff?: Staff | undefined };

/** Staff (any role) may read internal solution articles; editors may also read unpublished ones. */
export const canSeeInternal = (viewer: Viewer) => viewer.staff !== undefined;
const canSeeUnpublished = (viewer: Viewer) => viewer.staff !== undefined && hasRole(viewer.staff.role, 'editor');

/** The WHERE conditions that hide what `viewer` may not see. */
export function visibleTo(viewer: Viewer, options: { includeUnpublished?: boolean } = {}): SQL[] {
  const conditions: SQL[] = [];
  if (!(options.includeUnpublished && canSeeUnpublished(viewer))) conditions.push(eq(articles.status, 'published'));
  if (!canSeeInternal(viewer)) conditions.push(eq(articles.audience, 'public'));
  return conditions;
}

export const articleUrl = (a: Pick<ArticleRow, 'locale' | 'slug'>) => `/${a.locale}/articles/${a.slug}`;

export type ListArticlesFilter = {
  locale?: Locale | undefined;
  category?: string | undefined;
  tag?: string | undefined;
  kind?: ArticleKind | undefined;
  audience?: Audience | undefined;
  status?: ArticleStatus | undefined;
  page: number;
  limit: number;
};

/** A page of published articles the viewer may see, newest first. */
export async function listArticles(db: Db, viewer: Viewer, filter: ListArticlesFilter) {
  const editorView = filter.status !== undefined && canSeeUnpublished(viewer);
  const conditions = visibleTo(viewer, { includeUnpublished: editorView });
  if (editorView) conditions.push(eq(articles.status, filter.status!));
  if (filter.locale) conditions.push(eq(articles.locale, filter.locale));
  if (filter.category) conditions.push(eq(articles.category, filter.category));
  if (filter.kind) conditions.push(eq(articles.kind, filter.kind));
  if (filter.audience) conditions.push(eq(articles.audience, filter.audience));
  if (filter.tag) {
    conditions.push(sql`exists (select 1 from json_each(${articles.tags}) where json_each.value = ${filter.tag})`);
  }
  const where = and(...conditions);
  const [rows, totals] = await db.batch([
    db
      .select()
      .from(articles)
      .where(where)
      .orderBy(desc(articles.publishedAt), asc(articles.slug))
      .limit(filter.limit)
      .offset((filter.page - 1) * filter.limit),
    db.select({ n: count() }).from(articles).where(where),
  ]);
  const total = totals[0]?.n ?? 0;
  return { items: rows, total, hasMore: filter.page * filter.limit < total };
}

/** One article by locale and slug, with links to its translations the viewer may see. */
export async function getArticleBySlug(db: Db, viewer: Viewer, locale: Locale, slug: string) {
  const [article] = await db
    .select()
    .from(articles)
    .where(and(eq(articles.locale, locale), eq(articles.slug, slug), ...visibleTo(viewer, { includeUnpublished: true })));
  // Hidden and missing look the same, so anonymous callers cannot probe for internal slugs.
  if (!article) throw new AppError('not_found', `articles: no article "${slug}" in locale ${locale}`);
  const translations = await db
    .select({ locale: articles.locale, slug: articles.slug, title: articles.title })
    .from(articles)
    .where(and(eq(articles.translationGroup, article.translationGroup), ne(articles.id, article.id), ...visibleTo(viewer)))
    .orderBy(asc(articles.locale));
  return { article, translations };
}

export type CategoryWithCounts = CategoryRow & { articleCounts: Record<string, number> };

/** All categories in display order, with how many published articles the viewer can see per locale. */
export async function listCategories(db: Db, viewer: Viewer): Promise<CategoryWithCounts[]> {
  const [rows, counts] = await db.batch([
    db.select().from(categories).orderBy(asc(categories.position), asc(categories.slug)),
    db
      .select({ category: articles.category, locale: articles.locale, n: count() })
      .from(articles)
      .where(and(...visibleTo(viewer)))
      .groupBy(articles.category, articles.locale),
  ]);
  return rows.map((row) => ({
    ...row,
    articleCounts: Object.fromEntries(counts.filter((c) => c.category === row.slug).map((c) => [c.locale, c.n])),
  }));
}
