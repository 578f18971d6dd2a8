/** @jsxImportSource hono/jsx */
/**
 * Friendly HTML error pages for people: a translated "page not found" with the search box, and
 * a "something went wrong" page carrying the request id. Only for a browser GET of a page: API
 * paths and clients that do not ask for HTML keep the RFC 9457 problem+json answers of app.ts.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../../deps.js';
import { Layout } from './web.layout.js';
import { preferredLocale, WEB_TEXTS, type WebLocale } from './web.i18n.js';

const LOCALE_PREFIX = /^\/(zh|en)(?:\/|$)/;

/**
 * True for a GET (or HEAD) of a non-API path that is a help-center page (/zh/…, /en/…) or
 * that a browser asked for as HTML.
 */
export function wantsHtmlPage(c: Context<AppEnv>): boolean {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return false;
  const path = new URL(c.req.url).pathname;
  if (path === '/api' || path.startsWith('/api/')) return false;
  return LOCALE_PREFIX.test(path) || (c.req.header('accept') ?? '').includes('text/html');
}

function pageLocale(c: Context<AppEnv>): WebLocale {
  const prefix = LOCALE_PREFIX.exec(new URL(c.req.url).pathname)?.[1];
  return prefix === 'zh' || prefix === 'en' ? prefix : preferredLocale(c.req.header('accept-language'));
}

/** The 404 page: what happened, the search box (from the layout) and a way home. */
export function notFoundPage(c: Context<AppEnv>) {
  const locale = pageLocale(c);
  const t = WEB_TEXTS[locale];
  return c.html(
    <Layout locale={locale} title={t.notFoundTitle} noindex>
      <section class="notfound" aria-labelledby="notfound-title">
        <h1 id="notfound-title">{t.notFound}</h1>
        <p>{t.notFoundHint}</p>
        <p>
          <a href={`/${locale}`}>{t.backHome}</a>
        </p>
      </section>
    </Layout>,
    404,
  );
}

/** The 500 page: an apology and the request id to quote; no internals. */
export function errorPage(c: Context<AppEnv>) {
  const locale = pageLocale(c);
  const t = WEB_TEXTS[locale];
  return c.html(
    <Layout locale={locale} title={t.errorTitle} noindex>
      <section class="notfound" aria-labelledby="error-title">
        <h1 id="error-title">{t.errorTitle}</h1>
        <p>{t.errorHint(c.var.requestId ?? '')}</p>
        <p>
          <a href={`/${locale}`}>{t.backHome}</a>
        </p>
      </section>
    </Layout>,
    500,
  );
}
