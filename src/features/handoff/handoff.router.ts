import type { HandoffRow } from '../../db/schema/index.js';
import { createRouter } from '../../lib/openapi.js';
import { currentStaff, requireRole } from '../auth/auth.middleware.js';
import { toMessageJson } from '../../lib/message-json.js';
import type { HandoffPacket } from './handoff.packet.js';
import {
  agentMessageRoute,
  claimRoute,
  escalateRoute,
  getHandoffRoute,
  queueRoute,
  releaseRoute,
  resolveRoute,
  transferRoute,
} from './handoff.routes.js';
import {
  claimHandoff,
  escalateHandoff,
  getHandoff,
  listQueue,
  releaseHandoff,
  replyToHandoff,
  resolveHandoff,
  transferHandoff,
} from './handoff.service.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toHandoffJson(h: HandoffRow, now: Date) {
  return {
    id: h.id,
    conversation_id: h.conversationId,
    status: h.status,
    reason: h.reason,
    severity: h.severity,
    category: h.category,
    locale: h.locale,
    summary: h.summary,
    queue: h.queue,
    assignee_id: h.assigneeId,
    escalation_level: h.escalationLevel,
    first_response_due: h.firstResponseDue.toISOString(),
    resolution_due: h.resolutionDue.toISOString(),
    first_response_at: iso(h.firstResponseAt),
    claimed_at: iso(h.claimedAt),
    resolved_at: iso(h.resolvedAt),
    breached: {
      first_response: (h.firstResponseAt ?? now) > h.firstResponseDue,
      resolution: (h.resolvedAt ?? now) > h.resolutionDue,
    },
    created_at: h.createdAt.toISOString(),
  };
}

export const handoffRouter = createRouter();
handoffRouter.use('/api/queue', requireRole('agent'));
handoffRouter.use('/api/handoffs/*', requireRole('agent'));

handoffRouter
  .openapi(queueRoute, async (c) => {
    const rows = await listQueue(c.var.deps, currentStaff(c), c.req.valid('query'));
    const now = c.var.deps.clock.now();
    return c.json({ items: rows.map((h) => ({ ...toHandoffJson(h, now), awaiting_reply_since: iso(h.awaitingReplySince) })) }, 200);
  })
  .openapi(getHandoffRoute, async (c) => {
    const h = await getHandoff(c.var.deps, c.req.valid('param').id);
    return c.json({ ...toHandoffJson(h, c.var.deps.clock.now()), packet: h.packet as HandoffPacket }, 200);
  })
  .openapi(claimRoute, async (c) => {
    const h = await claimHandoff(c.var.deps, c.req.valid('param').id, currentStaff(c));
    return c.json(toHandoffJson(h, c.var.deps.clock.now()), 200);
  })
  .openapi(releaseRoute, async (c) => {
    const h = await releaseHandoff(c.var.deps, c.req.valid('param').id, currentStaff(c));
    return c.json(toHandoffJson(h, c.var.deps.clock.now()), 200);
  })
  .openapi(transferRoute, async (c) => {
    const body = c.req.valid('json');
    const h = await transferHandoff(c.var.deps, c.req.valid('param').id, currentStaff(c), { agentId: body.agent_id, queue: body.queue, note: body.note });
    return c.json(toHandoffJson(h, c.var.deps.clock.now()), 200);
  })
  .openapi(escalateRoute, async (c) => {
    const h = await escalateHandoff(c.var.deps, c.req.valid('param').id, currentStaff(c), c.req.valid('json').note);
    return c.json(toHandoffJson(h, c.var.deps.clock.now()), 200);
  })
  .openapi(resolveRoute, async (c) => {
    const body = c.req.valid('json');
    const h = await resolveHandoff(c.var.deps, c.req.valid('param').id, currentStaff(c), { note: body.note, articleIds: body.article_ids, returnToBot: body.return_to_bot });
    return c.json(toHandoffJson(h, c.var.deps.clock.now()), 200);
  })
  .openapi(agentMessageRoute, async (c) => {
    const body = c.req.valid('json');
    const m = await replyToHandoff(c.var.deps, c.req.valid('param').id, currentStaff(c), { text: body.text, internal: body.internal });
    return c.json(toMessageJson(m), 201);
  });
