import { etag } from 'hono/etag';
import type { ArticleRow } from '../../db/schema/index.js';
import { renderMarkdown } from '../../lib/markdown.js';
import { createRouter } from '../../lib/openapi.js';
import { getArticleRoute, listArticlesRoute, listCategoriesRoute } from './articles.routes.js';
import { articleUrl, getArticleBySlug, listArticles, listCategories } from './articles.service.js';

export const toArticleSummary = (a: ArticleRow) => ({
  id: a.id,
  slug: a.slug,
  locale: a.locale,
  translation_group: a.translationGroup,
  kind: a.kind,
  title: a.title,
  summary: a.summary,
  category: a.category,
  tags: a.tags,
  audience: a.audience,
  status: a.status,
  version: a.version,
  published_at: a.publishedAt?.toISOString() ?? null,
  updated_at: a.updatedAt.toISOString(),
  url: articleUrl(a),
});

export const articlesRouter = createRouter();
// Weak ETags from the body: cheap revalidation for help-center pages and the widget.
articlesRouter.use('/api/articles/*', etag({ weak: true }));
articlesRouter.use('/api/categories', etag({ weak: true }));

articlesRouter
  .openapi(listArticlesRoute, async (c) => {
    const filter = c.req.valid('query');
    const { items, total, hasMore } = await listArticles(c.var.deps.db, { staff: c.var.staff }, filter);
    return c.json(
      { items: items.map(toArticleSummary), page: filter.page, limit: filter.limit, total, has_more: hasMore },
      200,
    );
  })
  .openapi(getArticleRoute, async (c) => {
    const { locale, slug } = c.req.valid('param');
    const { article, translations } = await getArticleBySlug(c.var.deps.db, { staff: c.var.staff }, locale, slug);
    // The version is the ETag (editors send it back as If-Match); the etag middleware answers 304s.
    c.header('ETag', `W/"${article.version}"`);
    return c.json(
      {
        ...toArticleSummary(article),
        questions: article.questions,
        markdown: article.body,
        html: renderMarkdown(article.body),
        translations: translations.map((t) => ({ ...t, url: articleUrl(t) })),
      },
      200,
    );
  })
  .openapi(listCategoriesRoute, async (c) => {
    const rows = await listCategories(c.var.deps.db, { staff: c.var.staff });
    return c.json(
      {
        items: rows.map((r) => ({
          slug: r.slug,
          position: r.position,
          names: r.names,
          descriptions: r.descriptions,
          article_counts: r.articleCounts,
        })),
      },
      200,
    );
  });
