/** @jsxImportSource hono/jsx */
/**
 * The agent console: the queue (/{locale}/agent), one case (/{locale}/agent/handoffs/{id}) and
 * follow-ups with callbacks (/{locale}/agent/follow-ups). Pages are skeletons in the staff
 * shell; their scripts (/assets/agent*.js) load the data from the JSON API with the agent's token.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../../../deps.js';
import type { WebLocale } from '../web.i18n.js';
import { StaffLayout } from '../staff/staff.layout.js';
import { AGENT_TEXTS } from './agent.i18n.js';
import { CaseView, FollowUpsView, QueueView, queueFilters } from './agent.views.js';

export const agentPages = new Hono<AppEnv>();

const localeOf = (param: string | undefined): WebLocale => (param === 'en' ? 'en' : 'zh');

agentPages.get('/:locale{[a-z]{2}}/agent', (c) => {
  const locale = localeOf(c.req.param('locale'));
  const t = AGENT_TEXTS[locale];
  return c.html(
    <StaffLayout locale={locale} title={t.titleQueue} area="queue" role="agent" path="agent" script="agent.js" style="agent.css" texts={t}>
      <QueueView locale={locale} filters={queueFilters(c.req.query())} />
    </StaffLayout>,
  );
});

agentPages.get('/:locale{[a-z]{2}}/agent/handoffs/:id{[A-Za-z0-9_-]{1,64}}', (c) => {
  const locale = localeOf(c.req.param('locale'));
  const id = c.req.param('id');
  const t = AGENT_TEXTS[locale];
  return c.html(
    <StaffLayout locale={locale} title={t.titleCase} area="queue" role="agent" path={`agent/handoffs/${id}`} script="agent-case.js" style="agent.css" texts={t}>
      <CaseView locale={locale} id={id} />
    </StaffLayout>,
  );
});

agentPages.get('/:locale{[a-z]{2}}/agent/follow-ups', (c) => {
  const locale = localeOf(c.req.param('locale'));
  const t = AGENT_TEXTS[locale];
  return c.html(
    <StaffLayout locale={locale} title={t.titleFollowUps} area="followUps" role="agent" path="agent/follow-ups" script="agent-followups.js" style="agent.css" texts={t}>
      <FollowUpsView locale={locale} />
    </StaffLayout>,
  );
});
