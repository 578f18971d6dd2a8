/** @jsxImportSource hono/jsx */
/** The article list's structure: filters, the table and the pager (rows come from editor-list.js). */
import { ARTICLE_KINDS, ARTICLE_STATUSES, AUDIENCES, LOCALES } from '../../../db/schema/index.js';
import type { WebLocale } from '../web.i18n.js';
import { EDITOR_TEXTS } from './editor.i18n.js';

export function ArticleList(props: { locale: WebLocale }) {
  const t = EDITOR_TEXTS[props.locale];
  const choice = (name: string, label: string, values: readonly string[], text: (v: string) => string) => (
    <div class="field">
      <label for={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} name={name}>
        <option value="">{t.any}</option>
        {values.map((v) => (
          <option value={v}>{text(v)}</option>
        ))}
      </select>
    </div>
  );
  return (
    <>
      <div class="toolbar">
        <a class="button" href={`/${props.locale}/editor/new`}>
          {t.newArticle}
        </a>
      </div>
      <form id="filters" class="filters panel" role="search" aria-label={t.filters}>
        <div class="field grow">
          <label for="f-q">{t.filterText}</label>
          <input id="f-q" name="q" type="search" placeholder={t.filterTextHint} autocomplete="off" maxlength={200} />
        </div>
        {choice('status', t.status, ARTICLE_STATUSES, (v) => t[`status_${v}` as keyof typeof t])}
        {choice('locale', t.language, LOCALES, (v) => t[`locale_${v}` as keyof typeof t])}
        {choice('category', t.category, [], (v) => v)}
        {choice('kind', t.kind, ARTICLE_KINDS, (v) => t[`kind_${v}` as keyof typeof t])}
        {choice('audience', t.audience, AUDIENCES, (v) => t[`audience_${v}` as keyof typeof t])}
        <div class="field check">
          <input id="f-pending" name="pending" type="checkbox" value="1" />
          <label for="f-pending">{t.onlyPending}</label>
        </div>
        <button type="reset" class="secondary">
          {t.clearFilters}
        </button>
      </form>
      <p id="count" class="muted" role="status" aria-live="polite" />
      <table class="list articles" id="articles">
        <thead>
          <tr>
            <th scope="col">{t.colTitle}</th>
            <th scope="col">{t.status}</th>
            <th scope="col">{t.language}</th>
            <th scope="col">{t.category}</th>
            <th scope="col">{t.colUpdated}</th>
            <th scope="col">{t.colHelpful}</th>
          </tr>
        </thead>
        <tbody />
      </table>
      <nav class="pager" aria-label={t.pagination}>
        <button type="button" class="secondary" id="prev" disabled>
          {t.previous}
        </button>
        <span id="page-of" />
        <button type="button" class="secondary" id="next" disabled>
          {t.next}
        </button>
      </nav>
    </>
  );
}
