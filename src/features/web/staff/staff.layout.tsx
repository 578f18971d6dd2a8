/** @jsxImportSource hono/jsx */
/**
 * The shell of every staff page (agent console, editor, admin): navigation, language switcher,
 * sign-in form and the page's client script. Staff sign in with their API token; the token
 * lives in sessionStorage and every call to the JSON API sends it as a bearer header (no
 * cookies, so no CSRF surface). The page's data is loaded by its script from the API.
 */
import type { Child } from 'hono/jsx';
import type { StaffRole } from '../../../db/schema/index.js';
import type { WebLocale } from '../web.i18n.js';
import { clientTexts, STAFF_TEXTS } from './staff.i18n.js';

export type StaffArea = 'queue' | 'followUps' | 'articles' | 'gaps' | 'dashboard' | 'staff';

const NAV: Array<{ area: StaffArea; path: string; role: StaffRole }> = [
  { area: 'queue', path: 'agent', role: 'agent' },
  { area: 'followUps', path: 'agent/follow-ups', role: 'agent' },
  { area: 'articles', path: 'editor', role: 'editor' },
  { area: 'gaps', path: 'editor/gaps', role: 'editor' },
  { area: 'dashboard', path: 'admin', role: 'admin' },
  { area: 'staff', path: 'admin/staff', role: 'admin' },
];

export type StaffLayoutProps = {
  locale: WebLocale;
  title: string;
  area: StaffArea;
  /** Least role that may use the page; the script checks it after sign-in. */
  role: StaffRole;
  /** This page's path without the locale prefix, e.g. `agent` or `editor/articles/ID`. */
  path: string;
  /** Module script under /assets/, e.g. `agent.js`. */
  script: string;
  /** Extra stylesheet under /assets/, if the page has one. */
  style?: string;
  /** Strings the script shows, merged with the shell's. */
  texts?: Record<string, string>;
  children?: Child;
};

export function StaffLayout(props: StaffLayoutProps) {
  const t = STAFF_TEXTS[props.locale];
  const other: WebLocale = props.locale === 'zh' ? 'en' : 'zh';
  const texts = JSON.stringify(clientTexts(props.locale, props.texts)).replace(/</g, '\\u003c');
  return (
    <html lang={props.locale === 'zh' ? 'zh-CN' : 'en'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${props.title} · ${t.product}`}</title>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/assets/staff.css" />
        {props.style ? <link rel="stylesheet" href={`/assets/${props.style}`} /> : null}
        <script type="application/json" id="texts" dangerouslySetInnerHTML={{ __html: texts }} />
        <script type="module" src={`/assets/${props.script}`} />
      </head>
      <body data-locale={props.locale} data-role={props.role}>
        <a class="skip" href="#main">
          {props.locale === 'zh' ? '跳到正文' : 'Skip to content'}
        </a>
        <header class="topbar">
          <a class="brand" href={`/${props.locale}/agent`}>
            {t.product}
          </a>
          <nav aria-label={props.locale === 'zh' ? '主导航' : 'Main'}>
            {NAV.map((n) => (
              <a href={`/${props.locale}/${n.path}`} data-min-role={n.role} aria-current={n.area === props.area ? 'page' : undefined}>
                {t[n.area]}
              </a>
            ))}
          </nav>
          <span class="who" id="who" />
          <a href={`/${other}/${props.path}`} lang={other === 'zh' ? 'zh-CN' : 'en'}>
            {t.otherLanguage}
          </a>
          <button type="button" class="link" id="sign-out" hidden>
            {t.signOut}
          </button>
        </header>
        <section id="sign-in" class="sign-in" hidden>
          <form id="sign-in-form">
            <h1>{t.signIn}</h1>
            <label for="token">{t.tokenLabel}</label>
            <input id="token" name="token" type="password" autocomplete="off" required minlength={10} aria-describedby="token-hint" />
            <p id="token-hint" class="muted">
              {t.tokenHint}
            </p>
            <p id="sign-in-error" class="error" role="alert" />
            <button type="submit">{t.signIn}</button>
          </form>
        </section>
        <main id="main" hidden>
          <h1 class="page-title">{props.title}</h1>
          {props.children}
        </main>
      </body>
    </html>
  );
}
