/** @jsxImportSource hono/jsx */
/**
 * The editor pages: article list, article editor (edit and new) and the content-gaps report.
 * The server renders each page's structure and every label; the page script
 * (/assets/editor-*.js) signs in, loads the data from the JSON API and keeps it in sync.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../../../deps.js';
import type { WebLocale } from '../web.i18n.js';
import { StaffLayout } from '../staff/staff.layout.js';
import { ArticleForm } from './editor.form.js';
import { GapsReport } from './editor.gaps.js';
import { EDITOR_TEXTS } from './editor.i18n.js';
import { ArticleList } from './editor.list.js';

export const editorPages = new Hono<AppEnv>();

const LOCALE = ':locale{zh|en}';

editorPages.get(`/${LOCALE}/editor`, (c) => {
  const locale = c.req.param('locale') as WebLocale;
  const t = EDITOR_TEXTS[locale];
  return c.html(
    <StaffLayout locale={locale} title={t.listTitle} area="articles" role="editor" path="editor" script="editor-list.js" style="editor.css" texts={t}>
      <ArticleList locale={locale} />
    </StaffLayout>,
  );
});

editorPages.get(`/${LOCALE}/editor/new`, (c) => {
  const locale = c.req.param('locale') as WebLocale;
  const t = EDITOR_TEXTS[locale];
  // Keep the prefill (?question=…&translation_of=…) when switching language.
  const query = new URL(c.req.url).search;
  return c.html(
    <StaffLayout locale={locale} title={t.newTitle} area="articles" role="editor" path={`editor/new${query}`} script="editor-article.js" style="editor.css" texts={t}>
      <ArticleForm locale={locale} mode="new" />
    </StaffLayout>,
  );
});

editorPages.get(`/${LOCALE}/editor/articles/:id{[A-Za-z0-9_-]{1,64}}`, (c) => {
  const locale = c.req.param('locale') as WebLocale;
  const id = c.req.param('id');
  const t = EDITOR_TEXTS[locale];
  return c.html(
    <StaffLayout locale={locale} title={t.editTitle} area="articles" role="editor" path={`editor/articles/${id}`} script="editor-article.js" style="editor.css" texts={t}>
      <ArticleForm locale={locale} mode="edit" id={id} />
    </StaffLayout>,
  );
});

editorPages.get(`/${LOCALE}/editor/gaps`, (c) => {
  const locale = c.req.param('locale') as WebLocale;
  const t = EDITOR_TEXTS[locale];
  return c.html(
    <StaffLayout locale={locale} title={t.gapsTitle} area="gaps" role="editor" path="editor/gaps" script="editor-gaps.js" style="editor.css" texts={t}>
      <GapsReport locale={locale} />
    </StaffLayout>,
  );
});
