/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { WEB_TEXTS, type WebLocale } from './web.i18n.js';

const CSS = `
:root{--ink:#1f2933;--muted:#52606d;--line:#e4e7eb;--brand:#0b6bcb;--bg:#f7f9fb}
*{box-sizing:border-box}body{margin:0;font:16px/1.6 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:var(--ink);background:var(--bg)}
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
`;

export type LayoutProps = {
  locale: WebLocale;
  title: string;
  description?: string;
  /** Path of this page in the other locale, when it exists (language switcher and hreflang). */
  alternate?: { locale: WebLocale; path: string } | undefined;
  canonical: string;
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
        <link rel="canonical" href={props.canonical} />
        <link rel="alternate" hreflang={props.locale === 'zh' ? 'zh-CN' : 'en'} href={props.canonical} />
        {props.alternate ? <link rel="alternate" hreflang={props.alternate.locale === 'zh' ? 'zh-CN' : 'en'} href={props.alternate.path} /> : null}
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <style>{CSS}</style>
      </head>
      <body>
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
        <main class="wrap">
          <form class="search" action={`/${props.locale}/search`} method="get" role="search">
            <label class="muted" for="q" style="position:absolute;left:-9999px">
              {t.search}
            </label>
            <input id="q" name="q" type="search" value={props.query ?? ''} placeholder={t.searchPlaceholder} maxlength={200} />
            <button type="submit">{t.search}</button>
          </form>
          {props.children}
        </main>
      </body>
    </html>
  );
}
