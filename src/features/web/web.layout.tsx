/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { WEB_TEXTS, type WebLocale } from './web.i18n.js';

const CSS = `
:root{--ink:#1f2933;--muted:#52606d;--line:#e4e7eb;--brand:#0b6bcb;--bg:#f7f9fb}
*{box-sizing:border-box}body{margin:0;font:16px/1.6 system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:var(--ink);background:var(--bg)}
a{color:var(--brand)}header{background:#fff;border-bottom:1px solid var(--line)}
.wrap{max-width:860px;margin:0 auto;padding:0 20px}.bar{display:flex;align-items:center;justify-content:space-between;height:56px}
.brand{font-weight:700;color:var(--ink);text-decoration:none}main{padding:28px 0 60px}
form.search{display:flex;gap:8px;margin:16px 0 28px}form.search input{flex:1;padding:12px 14px;font-size:16px;border:1px solid #cbd2d9;border-radius:8px}
button{padding:10px 18px;font-size:15px;border:0;border-radius:8px;background:var(--brand);color:#fff;cursor:pointer}
button.secondary{background:#fff;color:var(--brand);border:1px solid var(--brand)}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:12px;padding:0;list-style:none}
.card{display:block;background:#fff;border:1px solid var(--line);border-radius:10px;padding:14px 16px;text-decoration:none;color:var(--ink)}
.card small{color:var(--muted)}.results{list-style:none;padding:0}.results li{background:#fff;border:1px solid var(--line);border-radius:10px;padding:14px 16px;margin-bottom:10px}
mark{background:#fff3bf;padding:0 2px}article.body{background:#fff;border:1px solid var(--line);border-radius:10px;padding:8px 24px}
table{border-collapse:collapse}td,th{border:1px solid var(--line);padding:6px 10px}
.muted{color:var(--muted)}.feedback{margin-top:24px;background:#fff;border:1px solid var(--line);border-radius:10px;padding:16px}
.feedback textarea{width:100%;min-height:60px;margin:8px 0;padding:8px;border:1px solid #cbd2d9;border-radius:8px;font:inherit}
:focus-visible{outline:3px solid #f0b429;outline-offset:2px}
.skip{position:absolute;left:-9999px}.skip:focus{left:8px;top:8px;background:#fff;padding:6px 10px;z-index:10}
button,input,textarea,select{font-family:inherit}
.combo{position:relative;flex:1;display:flex}.combo input{width:100%}
.suggest{position:absolute;top:calc(100% + 4px);left:0;right:0;z-index:20;background:#fff;border:1px solid #cbd2d9;border-radius:8px;box-shadow:0 8px 24px rgba(16,42,67,.14);padding:6px 0;max-height:60vh;overflow:auto}
.suggest [role=presentation]{padding:6px 14px 2px;font-size:13px;font-weight:600;color:var(--muted)}
.suggest [role=option]{padding:8px 14px;cursor:pointer}.suggest [role=option]:hover{background:#f0f4f8}
.suggest [role=option][aria-selected=true]{background:#e6f0fa;box-shadow:inset 3px 0 0 var(--brand)}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.notfound{background:#fff;border:1px solid var(--line);border-radius:10px;padding:8px 24px 16px}
`;

export type LayoutProps = {
  locale: WebLocale;
  title: string;
  description?: string;
  /** Path of this page in the other locale, when it exists (language switcher and hreflang). */
  alternate?: { locale: WebLocale; path: string } | undefined;
  /** Absent on error pages, which are not indexed. */
  canonical?: string;
  noindex?: boolean;
  query?: string;
  children: Child;
};

export function Layout(props: LayoutProps) {
  const t = WEB_TEXTS[props.locale];
  return (
    <html lang={props.locale === 'zh' ? 'zh-CN' : 'en'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${t.siteName}`}</title>
        {props.description ? <meta name="description" content={props.description} /> : null}
        {props.noindex ? <meta name="robots" content="noindex" /> : null}
        {props.canonical ? <link rel="canonical" href={props.canonical} /> : null}
        {props.canonical ? <link rel="alternate" hreflang={props.locale === 'zh' ? 'zh-CN' : 'en'} href={props.canonical} /> : null}
        {props.alternate ? <link rel="alternate" hreflang={props.alternate.locale === 'zh' ? 'zh-CN' : 'en'} href={props.alternate.path} /> : null}
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        {/* A constant, inserted raw: as a text child its quotes would be escaped and the font list lost. */}
        <style dangerouslySetInnerHTML={{ __html: CSS }} />
        {/* As-you-type suggestions; the search form works the same without it. */}
        <script type="module" src="/assets/help.js" />
      </head>
      <body>
        <a class="skip" href="#main">
          {t.skipToContent}
        </a>
        <header>
          <div class="wrap bar">
            <a class="brand" href={`/${props.locale}`}>
              {t.siteName}
            </a>
            <a href={props.alternate?.path ?? `/${props.locale === 'zh' ? 'en' : 'zh'}`} lang={props.locale === 'zh' ? 'en' : 'zh'}>
              {t.otherLanguage}
            </a>
          </div>
        </header>
        <main class="wrap" id="main" tabindex={-1}>
          <form
            class="search"
            action={`/${props.locale}/search`}
            method="get"
            role="search"
            data-locale={props.locale}
            data-suggestions={t.suggestions}
            data-articles={t.suggestArticles}
            data-queries={t.suggestQueries}
            data-count={t.suggestCount}
            data-count-one={t.suggestCountOne}
          >
            <label class="muted" for="q" style="position:absolute;left:-9999px">
              {t.search}
            </label>
            <div class="combo">
              <input id="q" name="q" type="search" value={props.query ?? ''} placeholder={t.searchPlaceholder} maxlength={200} />
            </div>
            <button type="submit">{t.search}</button>
          </form>
          {props.children}
        </main>
        <script src="/widget.js" data-locale={props.locale} async></script>
      </body>
    </html>
  );
}
