/** Route contracts of the agent's desk: colleagues to transfer to, and one case's live stream. */
import { createRoute, z } from '@hono/zod-openapi';
import { STAFF_ROLES } from '../../db/schema/index.js';
import { jsonContent, pickProblems } from '../../lib/openapi.js';
import { HandoffParams } from './handoff.schemas.js';

const tags = ['Handoff queue'];
const security: Array<Record<string, string[]>> = [{ bearer: [] }];

export const ColleagueSchema = z.object({ id: z.string(), name: z.string(), role: z.enum(STAFF_ROLES) }).openapi('Colleague');

export const colleaguesRoute = createRoute({
  method: 'get',
  path: '/api/agents',
  tags,
  security,
  summary: 'Active staff a case can be transferred to, by name (agent)',
  description: 'Names and roles only: the full staff list with emails and tokens is `GET /api/admin/staff` (admin).',
  responses: { 200: jsonContent(z.object({ items: z.array(ColleagueSchema) }), 'Colleagues'), ...pickProblems(401, 403) },
});

export const CaseEventsQuery = z.object({
  after: z.string().min(1).max(64).optional().openapi({ description: 'Only messages after this id (or send Last-Event-ID)' }),
});

export const caseEventsRoute = createRoute({
  method: 'get',
  path: '/api/handoffs/{id}/events',
  tags,
  security,
  summary: 'Live updates of one case for its agent (Server-Sent Events)',
  description:
    '`message`: every message of the conversation in order, internal notes included (same shape as `GET /api/handoffs/{id}/messages` items; ' +
    'the event id is the message id, so Last-Event-ID resumes). `handoff`: the case (`Handoff`) at the start and whenever its state changes ' +
    '(claimed, replied, transferred, released, escalated, resolved, reopened).',
  request: { params: HandoffParams, query: CaseEventsQuery },
  responses: { 200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: z.string() } } }, ...pickProblems(401, 403, 404, 422) },
});
