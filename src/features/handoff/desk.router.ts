/** Handlers of the agent's desk: GET /api/agents and GET /api/handoffs/{id}/events. */
import { streamSSE } from 'hono/streaming';
import { toMessageJson } from '../../lib/message-json.js';
import { runLiveStream } from '../../lib/live-stream.js';
import { createRouter } from '../../lib/openapi.js';
import { requireRole } from '../auth/auth.middleware.js';
import { caseEventsRoute, colleaguesRoute } from './desk.routes.js';
import { listCaseMessages, listColleagues } from './desk.service.js';
import { toHandoffJson } from './handoff.router.js';
import { conversationChannel, getHandoff } from './handoff.service.js';

export const deskRouter = createRouter();
deskRouter.use('/api/agents', requireRole('agent'));
deskRouter.use('/api/handoffs/:id/events', requireRole('agent'));

deskRouter
  .openapi(colleaguesRoute, async (c) => c.json({ items: await listColleagues(c.var.deps.db) }, 200))
  .openapi(caseEventsRoute, async (c) => {
    const deps = c.var.deps;
    const id = c.req.valid('param').id;
    // Unknown ids answer 404 before the stream opens.
    const first = await getHandoff(deps, id);
    let cursor = c.req.header('last-event-id') ?? c.req.valid('query').after ?? '';
    let lastState = '';
    return streamSSE(c, (stream) =>
      runLiveStream(stream, {
        bus: deps.events,
        // Customer messages and visible replies wake the stream at once; notes and state changes made
        // elsewhere arrive on the next poll.
        channel: conversationChannel(first.conversationId),
        tick: async (out) => {
          let written = 0;
          const h = await getHandoff(deps, id);
          const state = [h.status, h.assigneeId, h.queue, h.escalationLevel, h.firstResponseAt?.getTime(), h.updatedAt.getTime()].join('|');
          if (state !== lastState) {
            lastState = state;
            await out.writeSSE({ event: 'handoff', data: JSON.stringify(toHandoffJson(h, deps.clock.now())) });
            written++;
          }
          for (const m of await listCaseMessages(deps.db, first.conversationId, cursor || undefined)) {
            await out.writeSSE({ event: 'message', id: m.id, data: JSON.stringify({ ...toMessageJson(m), internal: m.internal }) });
            cursor = m.id;
            written++;
          }
          return written;
        },
      }),
    );
  });
