/** @jsxImportSource hono/jsx */
/** The agent pages (staff shell + /assets/agent.js). */
import { Hono } from 'hono';
import type { AppEnv } from '../../../deps.js';
import type { WebLocale } from '../web.i18n.js';
import { StaffLayout } from '../staff/staff.layout.js';

export const agentPages = new Hono<AppEnv>();

agentPages.get('/:locale{[a-z]{2}}/agent', (c) => {
  const locale = c.req.param('locale') as WebLocale;
  return c.html(<StaffLayout locale={locale} title="Agent" area="queue" role="agent" path="agent" script="agent.js" />);
});
