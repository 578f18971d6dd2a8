import { createRoute, z } from '@hono/zod-openapi';
import { jsonContent, pickProblems, jsonBody } from '../../lib/openapi.js';
import { MessageSchema } from '../../lib/message-json.js';
import { CallbackDoneBody, CallbackSchema, FollowUpBody, FollowUpSchema, HandoffParams, IdParam, ListQuery } from './handoff.schemas.js';

const tags = ['Handoff queue'];
const security: Array<Record<string, string[]>> = [{ bearer: [] }];

export const transcriptRoute = createRoute({
  method: 'get',
  path: '/api/handoffs/{id}/messages',
  tags,
  security,
  summary: 'The live transcript, internal notes included (agent)',
  request: { params: HandoffParams },
  responses: { 200: jsonContent(z.object({ items: z.array(MessageSchema.extend({ internal: z.boolean() })) }), 'Messages in order'), ...pickProblems(401, 403, 404, 422) },
});

export const followUpsRoute = createRoute({
  method: 'get',
  path: '/api/follow-ups',
  tags,
  security,
  summary: 'Follow-ups (回访) owed on resolved cases, earliest due first (agent)',
  request: { query: ListQuery },
  responses: { 200: jsonContent(z.object({ items: z.array(FollowUpSchema) }), 'Follow-ups'), ...pickProblems(401, 403, 422) },
});

export const recordFollowUpRoute = createRoute({
  method: 'post',
  path: '/api/follow-ups/{id}',
  tags,
  security,
  summary: 'Record a follow-up’s outcome; "not_satisfied" escalates the case (agent)',
  request: { params: IdParam, body: jsonBody(FollowUpBody) },
  responses: { 200: jsonContent(FollowUpSchema, 'Recorded'), ...pickProblems(401, 403, 404, 409, 422) },
});

export const callbacksRoute = createRoute({
  method: 'get',
  path: '/api/callbacks',
  tags,
  security,
  summary: 'Callback requests (回拨), earliest due first (agent)',
  request: { query: ListQuery },
  responses: { 200: jsonContent(z.object({ items: z.array(CallbackSchema) }), 'Callbacks'), ...pickProblems(401, 403, 422) },
});

export const completeCallbackRoute = createRoute({
  method: 'post',
  path: '/api/callbacks/{id}',
  tags,
  security,
  summary: 'Mark a callback done or the customer unreachable (agent)',
  request: { params: IdParam, body: jsonBody(CallbackDoneBody) },
  responses: { 200: jsonContent(CallbackSchema, 'Updated'), ...pickProblems(401, 403, 404, 422) },
});

export const queueEventsRoute = createRoute({
  method: 'get',
  path: '/api/queue/events',
  tags,
  security,
  summary: 'Live queue events (Server-Sent Events, agent)',
  description:
    'Events named after what happened: `handoff.created`, `handoff.claimed`, `handoff.replied`, `handoff.transferred`, `handoff.released`, ' +
    '`handoff.escalated`, `handoff.resolved`, `handoff.reopened`, and `handoff.breached` when a first-contact deadline passes unanswered. ' +
    'Resume with Last-Event-ID.',
  responses: { 200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: z.string() } } }, ...pickProblems(401, 403) },
});
