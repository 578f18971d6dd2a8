import { createRoute, z } from '@hono/zod-openapi';
import { jsonContent, pickProblems, jsonBody } from '../../lib/openapi.js';
import { MessageSchema } from '../../lib/message-json.js';
import { AgentMessageBody, EscalateBody, HandoffDetailSchema, HandoffParams, HandoffSchema, QueueItemSchema, QueueQuery, ResolveBody, TransferBody } from './handoff.schemas.js';

const tags = ['Handoff queue'];
const security: Array<Record<string, string[]>> = [{ bearer: [] }];
const staffProblems = pickProblems(401, 403, 404, 422);

export const queueRoute = createRoute({
  method: 'get',
  path: '/api/queue',
  tags,
  security,
  summary: 'Handoffs, most urgent first (agent)',
  request: { query: QueueQuery },
  responses: { 200: jsonContent(z.object({ items: z.array(QueueItemSchema) }), 'Major first, then by first-contact due time'), ...pickProblems(401, 403, 422) },
});

export const getHandoffRoute = createRoute({
  method: 'get',
  path: '/api/handoffs/{id}',
  tags,
  security,
  summary: 'One handoff with its context packet (agent)',
  request: { params: HandoffParams },
  responses: { 200: jsonContent(HandoffDetailSchema, 'The handoff'), ...staffProblems },
});

const actionPath = (path: string) => `/api/handoffs/{id}/${path}` as const;
const actionResponses = { 200: jsonContent(HandoffSchema, 'The handoff after the change'), ...staffProblems, ...pickProblems(409) };

/** A state change without a body (claim, release). */
const action = (path: string, summary: string) =>
  createRoute({ method: 'post', path: actionPath(path), tags, security, summary, request: { params: HandoffParams }, responses: actionResponses });

/** A state change with a JSON body. */
const actionWithBody = <B extends z.ZodType>(path: string, summary: string, body: B) =>
  createRoute({ method: 'post', path: actionPath(path), tags, security, summary, request: { params: HandoffParams, body: jsonBody(body) }, responses: actionResponses });

export const claimRoute = action('claim', 'Claim a waiting handoff; exactly one agent wins (409 for the others)');
export const releaseRoute = action('release', 'Give a claimed handoff back to the queue (owner)');
export const transferRoute = actionWithBody('transfer', 'Transfer to another agent or queue (owner)', TransferBody);
export const escalateRoute = actionWithBody('escalate', 'Escalate to a supervisor, with a new first-contact clock', EscalateBody);
export const resolveRoute = actionWithBody('resolve', 'Resolve with a note and the articles used (owner)', ResolveBody);

export const agentMessageRoute = createRoute({
  method: 'post',
  path: '/api/handoffs/{id}/messages',
  tags,
  security,
  summary: 'Reply to the customer, or add an internal note (owner)',
  request: { params: HandoffParams, body: jsonBody(AgentMessageBody) },
  responses: { 201: jsonContent(MessageSchema, 'Stored; the customer sees replies live, never notes'), ...staffProblems, ...pickProblems(409) },
});
