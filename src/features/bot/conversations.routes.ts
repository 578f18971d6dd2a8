import { createRoute, z } from '@hono/zod-openapi';
import { jsonContent, pickProblems, jsonBody } from '../../lib/openapi.js';
import {
  CallbackBody,
  RatingBody,
  ConversationParams,
  ConversationViewSchema,
  MessageSchema,
  EventsQuery,
  FeedbackBody,
  FeedbackResult,
  MessageHeaders,
  PostedSchema,
  PostMessageBody,
  StartConversationBody,
  StartedSchema,
  TokenHeader,
} from './conversations.schemas.js';

const tags = ['Conversations'];

export const startRoute = createRoute({
  method: 'post',
  path: '/api/conversations',
  tags,
  summary: 'Start a conversation with the bot',
  request: { body: jsonBody(StartConversationBody) },
  responses: { 201: jsonContent(StartedSchema, 'Started; keep the token'), ...pickProblems(400, 413, 422, 429) },
});

export const postMessageRoute = createRoute({
  method: 'post',
  path: '/api/conversations/{id}/messages',
  tags,
  summary: 'Send a customer message and get the bot’s reply',
  description:
    'The message is stored before the bot works on it. With an Idempotency-Key, a retry returns the same reply (200) and stores nothing twice. ' +
    'After a handoff the bot stays silent and `reply` is null.',
  request: { params: ConversationParams, headers: MessageHeaders, body: jsonBody(PostMessageBody) },
  responses: {
    201: jsonContent(PostedSchema, 'Stored and answered'),
    200: jsonContent(PostedSchema, 'A retry: the reply given before'),
    ...pickProblems(400, 404, 413, 422, 429),
  },
});

export const getConversationRoute = createRoute({
  method: 'get',
  path: '/api/conversations/{id}',
  tags,
  summary: 'The transcript',
  request: { params: ConversationParams, headers: TokenHeader },
  responses: { 200: jsonContent(ConversationViewSchema, 'The conversation, its messages and the customer’s view of its case'), ...pickProblems(404, 422, 429) },
});

export const eventsRoute = createRoute({
  method: 'get',
  path: '/api/conversations/{id}/events',
  tags,
  summary: 'Live updates (Server-Sent Events)',
  description:
    'Events: `message` (a stored message, authoritative), `token` (LLM tokens of a reply being written, provisional), `status` (conversation status). ' +
    'Reconnect with Last-Event-ID (or ?after=) to resume. The token may be given as ?token= because EventSource cannot set headers.',
  request: { params: ConversationParams, headers: TokenHeader, query: EventsQuery },
  responses: { 200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: z.string() } } }, ...pickProblems(404, 422, 429) },
});

export const feedbackRoute = createRoute({
  method: 'post',
  path: '/api/conversations/{id}/feedback',
  tags,
  summary: '"Did this answer solve it?"',
  request: { params: ConversationParams, headers: TokenHeader, body: jsonBody(FeedbackBody) },
  responses: { 200: jsonContent(FeedbackResult, 'Recorded; `reply` is the handoff message when failures reached the limit'), ...pickProblems(400, 404, 422, 429) },
});

export const requestHumanRoute = createRoute({
  method: 'post',
  path: '/api/conversations/{id}/handoff',
  tags,
  summary: 'The customer asks for a person ("talk to a person" button)',
  request: { params: ConversationParams, headers: TokenHeader },
  responses: {
    200: jsonContent(z.object({ reply: MessageSchema.nullable().openapi({ description: 'null when people already have the conversation' }) }), 'Handed over'),
    ...pickProblems(404, 422, 429),
  },
});

export const ratingRoute = createRoute({
  method: 'post',
  path: '/api/conversations/{id}/rating',
  tags,
  summary: 'Rate the resolved case 1–5 (CSAT)',
  request: { params: ConversationParams, headers: TokenHeader, body: jsonBody(RatingBody) },
  responses: { 200: jsonContent(z.object({ recorded: z.literal(true) }), 'Thank you'), ...pickProblems(400, 404, 409, 422, 429) },
});

export const callbackRoute = createRoute({
  method: 'post',
  path: '/api/conversations/{id}/callback',
  tags,
  summary: 'Ask to be called back (回拨) when no one is available',
  request: { params: ConversationParams, headers: TokenHeader, body: jsonBody(CallbackBody) },
  responses: { 201: jsonContent(z.object({ id: z.string(), due_at: z.string() }), 'We will call by due_at'), ...pickProblems(400, 404, 422, 429) },
});

export const openedRoute = createRoute({
  method: 'post',
  path: '/api/conversations/{id}/opened',
  tags,
  summary: 'The customer opened an article from the chat (goes into the handoff packet)',
  request: { params: ConversationParams, headers: TokenHeader, body: jsonBody(z.object({ article_id: z.string().min(1).max(64) }).strict()) },
  responses: { 204: { description: 'Recorded' }, ...pickProblems(400, 404, 422, 429) },
});
