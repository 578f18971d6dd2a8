import { and, asc, gt, inArray, isNull, lt } from 'drizzle-orm';
import { streamSSE } from 'hono/streaming';
import { handoffEvents, handoffs, type CallbackRow, type HandoffRow } from '../../db/schema/index.js';
import type { HandoffPacket } from './handoff.packet.js';
import { toMessageJson } from '../../lib/message-json.js';
import { runLiveStream } from '../../lib/live-stream.js';
import { createRouter } from '../../lib/openapi.js';
import { currentStaff, requireRole } from '../auth/auth.middleware.js';
import { listMessagesForAgent } from './handoff.service.js';
import { callbacksRoute, completeCallbackRoute, followUpsRoute, queueEventsRoute, recordFollowUpRoute, transcriptRoute } from './aftercare.routes.js';
import { completeCallback, listCallbacks, listFollowUps, recordFollowUp } from './aftercare.service.js';
import { QUEUE_CHANNEL } from './handoff.service.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Who to call back for a follow-up: the customer as the context packet recorded them. */
const customerOf = (h: HandoffRow) => {
  const c = (h.packet as HandoffPacket).customer;
  return { name: c.name, phone: c.phone, email: c.email };
};

const callbackJson = (r: CallbackRow, now: Date) => ({
  id: r.id,
  conversation_id: r.conversationId,
  handoff_id: r.handoffId,
  phone: r.phone,
  window_start: iso(r.windowStart),
  window_end: iso(r.windowEnd),
  note: r.note,
  due_at: r.dueAt.toISOString(),
  overdue: r.status === 'open' && r.dueAt < now,
  status: r.status,
});

export const aftercareRouter = createRouter();
aftercareRouter.use('/api/follow-ups/*', requireRole('agent'));
aftercareRouter.use('/api/callbacks/*', requireRole('agent'));
aftercareRouter.use('/api/queue/events', requireRole('agent'));

aftercareRouter
  .openapi(transcriptRoute, async (c) => {
    const rows = await listMessagesForAgent(c.var.deps, c.req.valid('param').id);
    return c.json({ items: rows.map((m) => ({ ...toMessageJson(m), internal: m.internal })) }, 200);
  })
  .openapi(followUpsRoute, async (c) => {
    const now = c.var.deps.clock.now();
    const rows = await listFollowUps(c.var.deps, c.req.valid('query'));
    return c.json(
      {
        items: rows.map(({ followUp: f, handoff: h }) => ({
          id: f.id,
          handoff_id: f.handoffId,
          conversation_id: h.conversationId,
          summary: h.summary,
          customer: customerOf(h),
          due_at: f.dueAt.toISOString(),
          overdue: !f.doneAt && f.dueAt < now,
          outcome: f.outcome,
          note: f.note,
          done_at: iso(f.doneAt),
        })),
      },
      200,
    );
  })
  .openapi(recordFollowUpRoute, async (c) => {
    const f = await recordFollowUp(c.var.deps, c.req.valid('param').id, currentStaff(c), c.req.valid('json'));
    const [h] = await c.var.deps.db.select().from(handoffs).where(inArray(handoffs.id, [f.handoffId]));
    return c.json(
      { id: f.id, handoff_id: f.handoffId, conversation_id: h!.conversationId, summary: h!.summary, customer: customerOf(h!), due_at: f.dueAt.toISOString(), overdue: false, outcome: f.outcome, note: f.note, done_at: iso(f.doneAt) },
      200,
    );
  })
  .openapi(callbacksRoute, async (c) => {
    const now = c.var.deps.clock.now();
    return c.json({ items: (await listCallbacks(c.var.deps, c.req.valid('query'))).map((r) => callbackJson(r, now)) }, 200);
  })
  .openapi(completeCallbackRoute, async (c) => {
    const row = await completeCallback(c.var.deps, c.req.valid('param').id, currentStaff(c), c.req.valid('json').status);
    return c.json(callbackJson(row, c.var.deps.clock.now()), 200);
  })
  .openapi(queueEventsRoute, async (c) => {
    const deps = c.var.deps;
    let cursor = c.req.header('last-event-id') ?? '';
    const announced = new Set<string>();
    return streamSSE(c, (stream) =>
      runLiveStream(stream, {
        bus: deps.events,
        channel: QUEUE_CHANNEL,
        tick: async (out) => {
          let written = 0;
          // handoff_events is the source of truth, so events from other processes arrive too.
          const rows = await deps.db
            .select()
            .from(handoffEvents)
            .where(cursor ? gt(handoffEvents.id, cursor) : gt(handoffEvents.at, new Date(deps.clock.now().getTime() - 60_000)))
            .orderBy(asc(handoffEvents.id))
            .limit(200);
          for (const e of rows) {
            await out.writeSSE({ event: `handoff.${e.type}`, id: e.id, data: JSON.stringify({ handoff_id: e.handoffId, actor_id: e.actorId, at: e.at.toISOString(), ...e.detail }) });
            cursor = e.id;
            written++;
          }
          const breached = await deps.db
            .select({ id: handoffs.id, severity: handoffs.severity, due: handoffs.firstResponseDue })
            .from(handoffs)
            .where(and(inArray(handoffs.status, ['waiting', 'claimed']), isNull(handoffs.firstResponseAt), lt(handoffs.firstResponseDue, deps.clock.now())));
          for (const b of breached.filter((x) => !announced.has(x.id))) {
            announced.add(b.id);
            await out.writeSSE({ event: 'handoff.breached', data: JSON.stringify({ handoff_id: b.id, severity: b.severity, first_response_due: b.due.toISOString() }) });
            written++;
          }
          return written;
        },
      }),
    );
  });
