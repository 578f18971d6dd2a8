/** @jsxImportSource hono/jsx */
/** The editor pages (staff shell + /assets/editor.js). */
import { Hono } from 'hono';
import type { AppEnv } from '../../../deps.js';
import type { WebLocale } from '../web.i18n.js';
import { StaffLayout } from '../staff/staff.layout.js';

export const editorPages = new Hono<AppEnv>();

editorPages.get('/:locale{[a-z]{2}}/editor', (c) => {
  const locale = c.req.param('locale') as WebLocale;
  return c.html(<StaffLayout locale={locale} title="Editor" area="queue" role="editor" path="editor" script="editor.js" />);
});
