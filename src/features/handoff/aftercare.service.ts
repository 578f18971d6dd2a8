/**
 * What happens around a human case besides the conversation: the customer's satisfaction
 * rating (CSAT), the follow-up call owed on every resolution (回访), and callback requests (回拨).
 */
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { callbacks, conversations, followUps, handoffs, type CallbackRow, type ConversationRow, type FollowUpRow } from '../../db/schema/index.js';
import type { Deps, Staff } from '../../deps.js';
import { AppError } from '../../lib/errors.js';
import { addWorkingTime, nextOpening } from '../../lib/service-calendar.js';
import { escalateHandoff, QUEUE_CHANNEL } from './handoff.service.js';

/** Stores the customer's 1–5 rating on the conversation's latest resolved case. */
export async function rateConversation(deps: Deps, conversation: ConversationRow, input: { rating: number; comment?: string | undefined }) {
  const [latest] = await deps.db
    .select()
    .from(handoffs)
    .where(and(eq(handoffs.conversationId, conversation.id), eq(handoffs.status, 'resolved')))
    .orderBy(desc(handoffs.resolvedAt))
    .limit(1);
  if (!latest) throw new AppError('conflict', 'handoff: there is no resolved case to rate in this conversation yet');
  const [row] = await deps.db
    .update(handoffs)
    .set({ csatRating: input.rating, csatComment: input.comment ?? null, csatAt: deps.clock.now() })
    .where(eq(handoffs.id, latest.id))
    .returning();
  deps.events.publish(QUEUE_CHANNEL, { type: 'handoff.rated', id: latest.id, data: { id: latest.id, rating: input.rating } });
  return row!;
}

export async function listFollowUps(deps: Pick<Deps, 'db'>, options: { open: boolean; limit: number }) {
  return deps.db
    .select({ followUp: followUps, handoff: handoffs })
    .from(followUps)
    .innerJoin(handoffs, eq(handoffs.id, followUps.handoffId))
    .where(options.open ? isNull(followUps.doneAt) : undefined)
    .orderBy(asc(followUps.dueAt))
    .limit(options.limit);
}

/**
 * Records the follow-up call. "Not satisfied" escalates the case to a supervisor (new 2-hour
 * clock), as the service practice requires.
 */
export async function recordFollowUp(
  deps: Deps,
  id: string,
  agent: Staff,
  input: { outcome: 'satisfied' | 'not_satisfied' | 'unreachable'; note?: string | undefined },
): Promise<FollowUpRow> {
  const [row] = await deps.db
    .update(followUps)
    .set({ outcome: input.outcome, note: input.note ?? null, agentId: agent.id, doneAt: deps.clock.now() })
    .where(and(eq(followUps.id, id), isNull(followUps.doneAt)))
    .returning();
  if (!row) {
    const [existing] = await deps.db.select({ id: followUps.id }).from(followUps).where(eq(followUps.id, id));
    throw existing ? new AppError('conflict', `handoff: follow-up ${id} is already recorded`) : new AppError('not_found', `handoff: no follow-up ${id}`);
  }
  if (input.outcome === 'not_satisfied') await escalateHandoff(deps, row.handoffId, agent, input.note ?? 'Not satisfied at follow-up');
  return row;
}

/**
 * A customer asks to be called back: due at the start of their window, or within the first-
 * contact target from the next opening. Linked to the conversation's open case, if any.
 */
export async function requestCallback(
  deps: Deps,
  conversation: ConversationRow,
  input: { phone: string; windowStart?: Date | undefined; windowEnd?: Date | undefined; note?: string | undefined },
): Promise<CallbackRow> {
  const now = deps.clock.now();
  const cal = deps.config.serviceCalendar;
  const [open] = await deps.db
    .select({ id: handoffs.id, severity: handoffs.severity })
    .from(handoffs)
    .where(and(eq(handoffs.conversationId, conversation.id), isNull(handoffs.resolvedAt)))
    .orderBy(desc(handoffs.createdAt))
    .limit(1);
  const target = deps.config.sla[open?.severity ?? 'general'].firstResponseMinutes * 60_000;
  const dueAt = input.windowStart && input.windowStart > now ? nextOpening(cal, input.windowStart) : addWorkingTime(cal, now, target);
  const row: CallbackRow = {
    id: deps.newId(),
    handoffId: open?.id ?? null,
    conversationId: conversation.id,
    phone: input.phone,
    windowStart: input.windowStart ?? null,
    windowEnd: input.windowEnd ?? null,
    note: input.note ?? null,
    dueAt,
    status: 'open',
    doneBy: null,
    doneAt: null,
    createdAt: now,
  };
  await deps.db.batch([
    deps.db.insert(callbacks).values(row),
    deps.db.update(conversations).set({ customerPhone: input.phone, updatedAt: now }).where(eq(conversations.id, conversation.id)),
  ]);
  deps.events.publish(QUEUE_CHANNEL, { type: 'callback.created', id: row.id, data: { id: row.id, due_at: dueAt.toISOString() } });
  return row;
}

export async function listCallbacks(deps: Pick<Deps, 'db'>, options: { open: boolean; limit: number }) {
  return deps.db
    .select()
    .from(callbacks)
    .where(options.open ? eq(callbacks.status, 'open') : undefined)
    .orderBy(asc(callbacks.dueAt))
    .limit(options.limit);
}

export async function completeCallback(deps: Deps, id: string, agent: Staff, status: 'done' | 'unreachable'): Promise<CallbackRow> {
  const [row] = await deps.db
    .update(callbacks)
    .set({ status, doneBy: agent.id, doneAt: deps.clock.now() })
    .where(and(eq(callbacks.id, id), eq(callbacks.status, 'open')))
    .returning();
  if (!row) throw new AppError('not_found', `handoff: no open callback ${id}`);
  return row;
}
