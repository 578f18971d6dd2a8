import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppEnv } from '../../deps.js';
import { AppError } from '../../lib/errors.js';
import { createRouter } from '../../lib/openapi.js';
import { limitRequests } from '../../lib/rate-limit.js';
import { runLiveStream } from '../../lib/live-stream.js';
import { callbackRoute, eventsRoute, feedbackRoute, getConversationRoute, openedRoute, postMessageRoute, ratingRoute, requestHumanRoute, startRoute } from './conversations.routes.js';
import { rateConversation, requestCallback } from '../handoff/aftercare.service.js';
import { getCustomerHandoff } from '../handoff/handoff.customer.js';
import {
  conversationChannel,
  listMessages,
  openConversation,
  postCustomerMessage,
  recordArticleOpened,
  recordFeedback,
  requestHuman,
  startConversation,
  toMessageJson,
} from './conversations.service.js';

const tokenOf = (c: Context<AppEnv>, query?: string) => c.req.header('x-conversation-token') ?? query;

export const conversationsRouter = createRouter();
conversationsRouter.use('/api/conversations/*', limitRequests('conversations', (c) => c.var.deps.config.rateLimitPerMinute));

conversationsRouter
  .openapi(startRoute, async (c) => {
    const { conversation, token } = await startConversation(c.var.deps, c.req.valid('json'));
    return c.json(
      { id: conversation.id, locale: conversation.locale as 'zh' | 'en', status: conversation.status, created_at: conversation.createdAt.toISOString(), messages: [], token },
      201,
    );
  })
  .openapi(postMessageRoute, async (c) => {
    const deps = c.var.deps;
    const conversation = await openConversation(deps, c.req.valid('param').id, tokenOf(c));
    const body = c.req.valid('json');
    if (body.text.length > deps.config.maxMessageChars) {
      throw new AppError('validation_failed', `bot: a message may be at most ${deps.config.maxMessageChars} characters`, {
        errors: [{ path: 'body.text', message: `Longer than ${deps.config.maxMessageChars} characters` }],
      });
    }
    const headers = c.req.valid('header');
    const result = await postCustomerMessage(deps, conversation, { text: body.text, idempotencyKey: headers['idempotency-key'], chosenArticleId: body.article_id });
    return c.json({ message: toMessageJson(result.message), reply: result.reply ? toMessageJson(result.reply) : null }, result.replayed ? 200 : 201);
  })
  .openapi(getConversationRoute, async (c) => {
    const conversation = await openConversation(c.var.deps, c.req.valid('param').id, tokenOf(c));
    const [rows, handoff] = await Promise.all([listMessages(c.var.deps, conversation.id), getCustomerHandoff(c.var.deps, conversation.id)]);
    return c.json(
      {
        id: conversation.id,
        locale: conversation.locale as 'zh' | 'en',
        status: conversation.status,
        created_at: conversation.createdAt.toISOString(),
        messages: rows.map(toMessageJson),
        handoff,
      },
      200,
    );
  })
  .openapi(feedbackRoute, async (c) => {
    const conversation = await openConversation(c.var.deps, c.req.valid('param').id, tokenOf(c));
    const body = c.req.valid('json');
    const { reply } = await recordFeedback(c.var.deps, conversation, { resolved: body.resolved, messageId: body.message_id });
    return c.json({ recorded: true as const, reply: reply ? toMessageJson(reply) : null }, 200);
  })
  .openapi(requestHumanRoute, async (c) => {
    const conversation = await openConversation(c.var.deps, c.req.valid('param').id, tokenOf(c));
    const reply = await requestHuman(c.var.deps, conversation);
    return c.json({ reply: reply ? toMessageJson(reply) : null }, 200);
  })
  .openapi(openedRoute, async (c) => {
    const conversation = await openConversation(c.var.deps, c.req.valid('param').id, tokenOf(c));
    await recordArticleOpened(c.var.deps, conversation, c.req.valid('json').article_id);
    return c.body(null, 204);
  })
  .openapi(ratingRoute, async (c) => {
    const conversation = await openConversation(c.var.deps, c.req.valid('param').id, tokenOf(c));
    await rateConversation(c.var.deps, conversation, c.req.valid('json'));
    return c.json({ recorded: true as const }, 200);
  })
  .openapi(callbackRoute, async (c) => {
    const conversation = await openConversation(c.var.deps, c.req.valid('param').id, tokenOf(c));
    const body = c.req.valid('json');
    const row = await requestCallback(c.var.deps, conversation, {
      phone: body.phone,
      windowStart: body.window_start ? new Date(body.window_start) : undefined,
      windowEnd: body.window_end ? new Date(body.window_end) : undefined,
      note: body.note,
    });
    return c.json({ id: row.id, due_at: row.dueAt.toISOString() }, 201);
  })
  .openapi(eventsRoute, async (c) => {
    const deps = c.var.deps;
    const query = c.req.valid('query');
    const conversation = await openConversation(deps, c.req.valid('param').id, tokenOf(c, query.token));
    let cursor = c.req.header('last-event-id') ?? query.after ?? '';
    return streamSSE(c, (stream) =>
      runLiveStream(stream, {
        bus: deps.events,
        channel: conversationChannel(conversation.id),
        tick: async (out, busEvents) => {
          let written = 0;
          for (const m of await listMessages(deps, conversation.id, cursor ? { after: cursor } : {})) {
            await out.writeSSE({ event: 'message', id: m.id, data: JSON.stringify(toMessageJson(m)) });
            cursor = m.id;
            written++;
          }
          // Messages came from the database above, in order; the bus adds tokens and status changes.
          for (const event of busEvents.filter((e) => e.type !== 'message')) {
            await out.writeSSE({ event: event.type, data: JSON.stringify(event.data) });
            written++;
          }
          return written;
        },
      }),
    );
  });
