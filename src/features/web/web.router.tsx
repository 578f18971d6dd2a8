/** @jsxImportSource hono/jsx */
/**
 * The help center: server-rendered pages (no JavaScript needed) in Chinese and English, with the
 * language in the URL (/zh/…, /en/…) and / choosing from Accept-Language.
 */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../deps.js';
import { AppError } from '../../lib/errors.js';
import { renderMarkdown } from '../../lib/markdown.js';
import { articleUrl, getArticleBySlug, listArticles, listCategories } from '../articles/articles.service.js';
import { recordArticleFeedback } from '../editor/learning.service.js';
import { searchArticles } from '../search/search.service.js';
import { Layout } from './web.layout.js';
import { preferredLocale, WEB_TEXTS, type WebLocale } from './web.i18n.js';

const base = (c: Context<AppEnv>) => c.var.deps.config.publicBaseUrl || new URL(c.req.url).origin;
const localeOf = (c: Context<AppEnv>) => c.req.param('locale') as WebLocale;

export const webRouter = new Hono<AppEnv>();

// Two-letter paths that are not a supported language are not pages of ours.
webRouter.use('/:locale{[a-z]{2}}/*', async (c, next) => {
  if (!['zh', 'en'].includes(c.req.param('locale') ?? '')) throw new AppError('not_found', `No page at ${new URL(c.req.url).pathname}`);
  await next();
});

webRouter.get('/', (c) => c.redirect(`/${preferredLocale(c.req.header('accept-language'))}`, 302));

webRouter.get('/:locale{[a-z]{2}}', async (c) => {
  const locale = localeOf(c);
  const t = WEB_TEXTS[locale];
  const viewer = {};
  const [cats, recent] = await Promise.all([
    listCategories(c.var.deps.db, viewer),
    listArticles(c.var.deps.db, viewer, { locale, page: 1, limit: 8 }),
  ]);
  return c.html(
    <Layout locale={locale} title={t.home} description={t.tagline} canonical={`${base(c)}/${locale}`} alternate={{ locale: locale === 'zh' ? 'en' : 'zh', path: `/${locale === 'zh' ? 'en' : 'zh'}` }}>
      <h1>{t.tagline}</h1>
      <h2>{t.categories}</h2>
      <ul class="grid">
        {cats
          .filter((cat) => (cat.articleCounts[locale] ?? 0) > 0)
          .map((cat) => (
            <li>
              <a class="card" href={`/${locale}/search?category=${cat.slug}`}>
                <strong>{cat.names[locale] ?? cat.slug}</strong>
                <br />
                <small>{cat.descriptions[locale] ?? ''}</small>
                <br />
                <small>{t.articlesCount(cat.articleCounts[locale] ?? 0)}</small>
              </a>
            </li>
          ))}
      </ul>
      <h2>{t.recent}</h2>
      <ul class="results">
        {recent.items.map((a) => (
          <li>
            <a href={articleUrl(a)}>{a.title}</a>
            <div class="muted">{a.summary}</div>
          </li>
        ))}
      </ul>
    </Layout>,
  );
});

webRouter.get('/:locale{[a-z]{2}}/search', async (c) => {
  const locale = localeOf(c);
  const t = WEB_TEXTS[locale];
  const q = (c.req.query('q') ?? '').trim().slice(0, 200);
  const category = c.req.query('category')?.slice(0, 60);
  let items: Array<{ title: string; url: string; snippet: string }> = [];
  let total = 0;
  if (q) {
    const result = await searchArticles(c.var.deps, { q, locale, category, limit: 20 }, {}, { c });
    items = result.results;
    total = result.total;
  } else if (category) {
    const list = await listArticles(c.var.deps.db, {}, { locale, category, page: 1, limit: 50 });
    items = list.items.map((a) => ({ title: a.title, url: articleUrl(a), snippet: '' }));
    total = list.total;
  }
  return c.html(
    <Layout locale={locale} title={q || t.search} canonical={`${base(c)}/${locale}/search`} query={q}>
      {q ? <p class="muted">{t.resultsFor(q, total)}</p> : null}
      {items.length === 0 && q ? <p>{t.noResults}</p> : null}
      <ul class="results">
        {items.map((r) => (
          <li>
            <a href={r.url}>{r.title}</a>
            {/* Snippets are escaped text with <mark> added by the search service. */}
            {r.snippet ? <div class="muted" dangerouslySetInnerHTML={{ __html: r.snippet }} /> : null}
          </li>
        ))}
      </ul>
    </Layout>,
  );
});

webRouter.get('/:locale{[a-z]{2}}/articles/:slug', async (c) => {
  const locale = localeOf(c);
  const t = WEB_TEXTS[locale];
  const slug = c.req.param('slug');
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) throw new AppError('not_found', t.notFound);
  const { article, translations } = await getArticleBySlug(c.var.deps.db, {}, locale, slug);
  const related = await listArticles(c.var.deps.db, {}, { locale, category: article.category, page: 1, limit: 6 });
  const other = translations[0];
  return c.html(
    <Layout
      locale={locale}
      title={article.title}
      description={article.summary}
      canonical={`${base(c)}${articleUrl(article)}`}
      alternate={other ? { locale: other.locale as WebLocale, path: articleUrl(other) } : undefined}
    >
      <article class="body">
        <h1>{article.title}</h1>
        {/* Rendered by marked and sanitised by js-xss. */}
        <div dangerouslySetInnerHTML={{ __html: renderMarkdown(article.body) }} />
      </article>
      <form class="feedback" method="post" action={`${articleUrl(article)}/feedback`}>
        {c.req.query('thanks') ? (
          <p role="status">{t.thanks}</p>
        ) : (
          <>
            <p>
              <strong>{t.helpful}</strong>
            </p>
            <label for="comment" style="position:absolute;left:-9999px">
              {t.commentPlaceholder}
            </label>
            <textarea id="comment" name="comment" maxlength={1000} placeholder={t.commentPlaceholder} />
            <button type="submit" name="helpful" value="yes">
              {t.yes}
            </button>{' '}
            <button class="secondary" type="submit" name="helpful" value="no">
              {t.no}
            </button>
          </>
        )}
      </form>
      <h2>{t.related}</h2>
      <ul class="results">
        {related.items
          .filter((a) => a.id !== article.id)
          .slice(0, 5)
          .map((a) => (
            <li>
              <a href={articleUrl(a)}>{a.title}</a>
            </li>
          ))}
      </ul>
    </Layout>,
  );
});

webRouter.post('/:locale{[a-z]{2}}/articles/:slug/feedback', async (c) => {
  const locale = localeOf(c);
  const { article } = await getArticleBySlug(c.var.deps.db, {}, locale, c.req.param('slug'));
  const form = await c.req.parseBody();
  const helpful = form.helpful === 'yes';
  const comment = typeof form.comment === 'string' && form.comment.trim() ? form.comment.trim().slice(0, 1000) : undefined;
  await recordArticleFeedback(c.var.deps, article.id, { helpful, comment });
  return c.redirect(`${articleUrl(article)}?thanks=1`, 303);
});
