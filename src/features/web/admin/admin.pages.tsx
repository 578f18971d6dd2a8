/** @jsxImportSource hono/jsx */
/** The admin pages (staff shell + /assets/admin.js). */
import { Hono } from 'hono';
import type { AppEnv } from '../../../deps.js';
import type { WebLocale } from '../web.i18n.js';
import { StaffLayout } from '../staff/staff.layout.js';

export const adminPages = new Hono<AppEnv>();

adminPages.get('/:locale{[a-z]{2}}/admin', (c) => {
  const locale = c.req.param('locale') as WebLocale;
  return c.html(<StaffLayout locale={locale} title="Admin" area="queue" role="admin" path="admin" script="admin.js" />);
});
