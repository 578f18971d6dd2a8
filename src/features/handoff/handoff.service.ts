/**
 * The human handoff queue: creation (with the bot's handoff), claiming, replies, transfer,
 * release, escalation, resolution and reopening. State changes are single conditional
 * statements, so concurrent agents cannot both win a claim.
 */
import { and, asc, desc, eq, gte, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { ConversationRow, HandoffRow, MessageRow } from '../../db/schema/index.js';
import { conversations, followUps, handoffEvents, handoffs, messages, staffUsers } from '../../db/schema/index.js';
import type { Deps, Staff } from '../../deps.js';
import { AppError } from '../../lib/errors.js';
import { hasRole } from '../auth/auth.service.js';
import { addWorkingDays, addWorkingTime } from '../../lib/service-calendar.js';
import { newMessage } from '../../lib/message-json.js';
import { deliverWebhook } from '../../lib/webhooks.js';
import { buildPacket, type HandoffTrigger } from './handoff.packet.js';

export const QUEUE_CHANNEL = 'queue';
/** The live channel of one conversation (the customer's SSE stream listens to it). */
export const conversationChannel = (id: string) => `conversation:${id}`;
const PRIORITY = { major: 0, medium: 1, general: 2 } as const;

/** First-contact and result deadlines for a clock started `at`, in the service calendar. */
export function slaDueTimes(deps: Pick<Deps, 'config'>, severity: HandoffTrigger['severity'], at: Date) {
  const target = deps.config.sla[severity];
  const cal = deps.config.serviceCalendar;
  return {
    firstResponseDue: addWorkingTime(cal, at, target.firstResponseMinutes * 60_000),
    resolutionDue: addWorkingDays(cal, at, target.resolutionDays),
  };
}

/**
 * The statements that open a handoff for `conversation`, to run in the same batch as the
 * conversation's status change. `transcript` is every message so far, the bot's handoff
 * message included.
 */
export function openHandoffStatements(
  deps: Deps,
  conversation: ConversationRow,
  transcript: MessageRow[],
  views: Array<{ articleId: string; at: Date }>,
  trigger: HandoffTrigger,
): { row: HandoffRow; statements: [BatchItem<'sqlite'>, BatchItem<'sqlite'>] } {
  const now = deps.clock.now();
  const packet = buildPacket(trigger, conversation, transcript, views);
  const row: HandoffRow = {
    id: deps.newId(),
    conversationId: conversation.id,
    status: 'waiting',
    reason: trigger.reason,
    severity: trigger.severity,
    priority: PRIORITY[trigger.severity],
    category: trigger.category,
    locale: conversation.locale,
    summary: packet.summary,
    packet,
    assigneeId: null,
    queue: trigger.severity === 'major' ? 'supervisor' : 'general',
    escalationLevel: 0,
    ...slaDueTimes(deps, trigger.severity, now),
    claimedAt: null,
    firstResponseAt: null,
    resolvedAt: null,
    resolutionNote: null,
    articlesUsed: null,
    reopenCount: 0,
    transferCount: 0,
    csatRating: null,
    csatComment: null,
    csatAt: null,
    createdAt: now,
    updatedAt: now,
  };
  return {
    row,
    statements: [
      deps.db.insert(handoffs).values(row),
      deps.db.insert(handoffEvents).values({ id: deps.newId(), handoffId: row.id, type: 'created', actorId: null, detail: { reason: row.reason, severity: row.severity }, at: now }),
    ],
  };
}

export type QueueFilter = {
  status?: 'waiting' | 'claimed' | 'resolved' | 'open' | undefined;
  severity?: 'major' | 'medium' | 'general' | undefined;
  category?: string | undefined;
  locale?: string | undefined;
  queue?: string | undefined;
  mine?: boolean | undefined;
  limit: number;
};

/** Open handoffs, most urgent first: severity, then the first-contact deadline. */
export async function listQueue(deps: Pick<Deps, 'db'>, agent: Staff, filter: QueueFilter) {
  const conditions: SQL[] = [];
  if (!filter.status || filter.status === 'open') conditions.push(inArray(handoffs.status, ['waiting', 'claimed']));
  else conditions.push(eq(handoffs.status, filter.status));
  if (filter.severity) conditions.push(eq(handoffs.severity, filter.severity));
  if (filter.category) conditions.push(eq(handoffs.category, filter.category));
  if (filter.locale) conditions.push(eq(handoffs.locale, filter.locale));
  if (filter.queue) conditions.push(eq(handoffs.queue, filter.queue));
  if (filter.mine) conditions.push(eq(handoffs.assigneeId, agent.id));
  const rows = await deps.db
    .select({ handoff: handoffs, awaitingReplySince: awaitingReplySince })
    .from(handoffs)
    .where(and(...conditions))
    .orderBy(asc(handoffs.priority), asc(handoffs.firstResponseDue), asc(handoffs.id))
    .limit(filter.limit);
  return rows.map((r) => ({ ...r.handoff, awaitingReplySince: r.awaitingReplySince === null ? null : new Date(Number(r.awaitingReplySince)) }));
}

/**
 * When the customer's oldest unanswered message since the handoff was written: the first customer
 * message after the last reply an agent sent (internal notes do not count). Null when the agent
 * spoke last. Agents see it on the queue as "customer waiting since".
 */
// Outer columns are named with their table: drizzle writes a bare column name in a one-table query,
// which inside the subquery would mean the message's own column.
const lastAgentReply = sql`(select max(a.created_at) from messages a where a.conversation_id = "handoffs"."conversation_id" and a.role = 'agent' and a.internal = 0)`;
const awaitingReplySince = sql<number | null>`(select min(m.created_at) from messages m where m.conversation_id = "handoffs"."conversation_id" and m.role = 'customer' and m.created_at > coalesce(${lastAgentReply}, "handoffs"."created_at"))`;

/**
 * A customer wrote while a person has the conversation: recorded on the open handoff so every
 * agent's queue (in any process) refreshes and shows that the customer is waiting for a reply.
 */
export async function noteCustomerMessage(deps: Deps, conversationId: string): Promise<void> {
  const [open] = await deps.db
    .select()
    .from(handoffs)
    .where(and(eq(handoffs.conversationId, conversationId), inArray(handoffs.status, ['waiting', 'claimed'])))
    .orderBy(desc(handoffs.createdAt))
    .limit(1);
  if (open) await recordEvent(deps, open, 'customer_message', null);
}

export async function getHandoff(deps: Pick<Deps, 'db'>, id: string): Promise<HandoffRow> {
  const [row] = await deps.db.select().from(handoffs).where(eq(handoffs.id, id));
  if (!row) throw new AppError('not_found', `handoff: no handoff ${id}`);
  return row;
}

/** Sends handoff.created / handoff.resolved to the configured webhook, in the background. */
export function notifyWebhook(deps: Deps, event: 'handoff.created' | 'handoff.resolved', handoff: HandoffRow) {
  const config = deps.config.webhook;
  if (!config) return;
  const payload = { id: handoff.id, conversation_id: handoff.conversationId, status: handoff.status, reason: handoff.reason, severity: handoff.severity, summary: handoff.summary };
  deps.background.run(undefined, () => deliverWebhook(config, event, payload, () => deps.clock.now()));
}

async function recordEvent(deps: Deps, handoff: HandoffRow, type: string, actorId: string | null, detail: Record<string, unknown> = {}) {
  await deps.db.insert(handoffEvents).values({ id: deps.newId(), handoffId: handoff.id, type, actorId, detail, at: deps.clock.now() });
  deps.events.publish(QUEUE_CHANNEL, { type: `handoff.${type}`, id: handoff.id, data: { id: handoff.id, status: handoff.status, assignee_id: handoff.assigneeId, ...detail } });
}

/**
 * Claims a waiting handoff for `agent`. One conditional UPDATE: when many agents claim at once,
 * exactly one row changes and every other claim gets 409.
 */
export async function claimHandoff(deps: Deps, id: string, agent: Staff): Promise<HandoffRow> {
  const now = deps.clock.now();
  const [row] = await deps.db
    .update(handoffs)
    .set({ status: 'claimed', assigneeId: agent.id, claimedAt: now, updatedAt: now })
    .where(and(eq(handoffs.id, id), eq(handoffs.status, 'waiting')))
    .returning();
  if (!row) {
    const current = await getHandoff(deps, id);
    const who = current.assigneeId === agent.id ? ' by you already' : current.assigneeId ? ' by someone else' : '';
    throw new AppError('conflict', `handoff: ${id} is ${current.status}${who}; it cannot be claimed`, {
      extra: { status: current.status, assignee_id: current.assigneeId },
    });
  }
  await deps.db.update(conversations).set({ status: 'agent', updatedAt: now }).where(eq(conversations.id, row.conversationId));
  await recordEvent(deps, row, 'claimed', agent.id);
  deps.events.publish(conversationChannel(row.conversationId), { type: 'status', data: { status: 'agent' } });
  return row;
}

/** Only the owner (first-person responsibility) or an admin may act on a claimed handoff. */
async function owned(deps: Deps, id: string, actor: Staff): Promise<HandoffRow> {
  const row = await getHandoff(deps, id);
  if (row.status === 'resolved') throw new AppError('conflict', `handoff: ${id} is resolved`);
  if (row.assigneeId !== actor.id && !hasRole(actor.role, 'admin')) {
    throw new AppError('forbidden', `handoff: ${id} belongs to ${row.assigneeId ? 'another agent' : 'nobody yet: claim it first'}`);
  }
  return row;
}

/** A reply to the customer (or an internal note, never shown to them). */
export async function replyToHandoff(deps: Deps, id: string, agent: Staff, input: { text: string; internal: boolean }): Promise<MessageRow> {
  const handoff = await owned(deps, id, agent);
  const now = deps.clock.now();
  const message = newMessage({
    id: deps.newId(),
    conversationId: handoff.conversationId,
    role: 'agent',
    text: input.text,
    meta: { agent_name: agent.name },
    internal: input.internal,
    authorId: agent.id,
    createdAt: now,
  });
  await deps.db.batch([
    deps.db.insert(messages).values(message),
    deps.db
      .update(conversations)
      .set({ messageCount: sql`${conversations.messageCount} + 1`, updatedAt: now })
      .where(eq(conversations.id, handoff.conversationId)),
    deps.db
      .update(handoffs)
      .set({ firstResponseAt: input.internal ? handoffs.firstResponseAt : sql`coalesce(${handoffs.firstResponseAt}, ${now.getTime()})`, updatedAt: now })
      .where(eq(handoffs.id, id)),
  ]);
  if (!input.internal) deps.events.publish(conversationChannel(handoff.conversationId), { type: 'message', id: message.id, data: { id: message.id } });
  await recordEvent(deps, handoff, input.internal ? 'note' : 'replied', agent.id);
  return message;
}

/** Gives the case back to the queue (first-person responsibility ends only explicitly). */
export async function releaseHandoff(deps: Deps, id: string, agent: Staff): Promise<HandoffRow> {
  await owned(deps, id, agent);
  const [row] = await deps.db
    .update(handoffs)
    .set({ status: 'waiting', assigneeId: null, updatedAt: deps.clock.now() })
    .where(and(eq(handoffs.id, id), eq(handoffs.status, 'claimed')))
    .returning();
  if (!row) throw new AppError('conflict', `handoff: ${id} is not claimed`);
  await recordEvent(deps, row, 'released', agent.id);
  return row;
}

/** Hands the case to another agent (who then owns it) or to another queue (waiting there). */
export async function transferHandoff(deps: Deps, id: string, agent: Staff, to: { agentId?: string | undefined; queue?: string | undefined; note?: string | undefined }): Promise<HandoffRow> {
  await owned(deps, id, agent);
  if (to.agentId) {
    const [target] = await deps.db.select().from(staffUsers).where(and(eq(staffUsers.id, to.agentId), eq(staffUsers.active, true)));
    if (!target) throw new AppError('validation_failed', `handoff: no active staff member ${to.agentId}`, { errors: [{ path: 'body.agent_id', message: 'Not an active staff member' }] });
  }
  const now = deps.clock.now();
  const [row] = await deps.db
    .update(handoffs)
    .set({
      status: to.agentId ? 'claimed' : 'waiting',
      assigneeId: to.agentId ?? null,
      ...(to.queue ? { queue: to.queue } : {}),
      transferCount: sql`${handoffs.transferCount} + 1`,
      updatedAt: now,
    })
    .where(and(eq(handoffs.id, id), ne(handoffs.status, 'resolved')))
    .returning();
  if (!row) throw new AppError('conflict', `handoff: ${id} is resolved`);
  await recordEvent(deps, row, 'transferred', agent.id, { to_agent: to.agentId ?? null, to_queue: to.queue ?? null, note: to.note ?? null });
  return row;
}

/**
 * The customer is not satisfied: a supervisor takes over with a new first-contact clock
 * (the domain's 2 hours again) and the case waits in the supervisor queue.
 */
export async function escalateHandoff(deps: Deps, id: string, actor: Staff, note?: string): Promise<HandoffRow> {
  const current = await getHandoff(deps, id);
  if (current.assigneeId && current.assigneeId !== actor.id && !hasRole(actor.role, 'admin')) {
    throw new AppError('forbidden', `handoff: ${id} belongs to another agent`);
  }
  const now = deps.clock.now();
  const due = slaDueTimes(deps, current.severity, now);
  const [row] = await deps.db
    .update(handoffs)
    .set({ status: 'waiting', assigneeId: null, queue: 'supervisor', escalationLevel: sql`${handoffs.escalationLevel} + 1`, ...due, resolvedAt: null, updatedAt: now })
    .where(eq(handoffs.id, id))
    .returning();
  await deps.db.update(conversations).set({ status: 'handoff', updatedAt: now }).where(eq(conversations.id, current.conversationId));
  await recordEvent(deps, row!, 'escalated', actor.id, { note: note ?? null });
  return row!;
}

/** Closes the case with what was done; the customer is asked to rate it and a follow-up is due. */
export async function resolveHandoff(
  deps: Deps,
  id: string,
  agent: Staff,
  input: { note: string; articleIds: string[]; returnToBot?: boolean | undefined },
): Promise<HandoffRow> {
  await owned(deps, id, agent);
  const now = deps.clock.now();
  const [row] = await deps.db
    .update(handoffs)
    .set({ status: 'resolved', resolvedAt: now, resolutionNote: input.note, articlesUsed: input.articleIds, updatedAt: now })
    .where(and(eq(handoffs.id, id), eq(handoffs.status, 'claimed')))
    .returning();
  if (!row) throw new AppError('conflict', `handoff: ${id} is not claimed`);
  // The customer is asked to rate the help they got (CSAT), in their language.
  const ask = newMessage({
    id: deps.newId(),
    conversationId: row.conversationId,
    role: 'system',
    text: row.locale === 'zh' ? '问题已处理完毕。请为本次服务打分（1–5 分），也欢迎留下您的意见。' : 'Your case is resolved. How satisfied are you with the help you got? Rate it 1–5, with a comment if you like.',
    meta: { kind: 'csat_request', handoff_id: row.id },
    createdAt: now,
  });
  await deps.db.batch([
    deps.db.insert(messages).values(ask),
    // Handing back to the bot: the customer's next question is answered by it at once.
    deps.db
      .update(conversations)
      .set({ status: input.returnToBot ? 'bot' : 'resolved', failedTurns: 0, updatedAt: now })
      .where(eq(conversations.id, row.conversationId)),
    deps.db.insert(followUps).values({ id: deps.newId(), handoffId: id, dueAt: addWorkingDays(deps.config.serviceCalendar, now, 3), createdAt: now }),
  ]);
  deps.events.publish(conversationChannel(row.conversationId), { type: 'message', id: ask.id, data: { id: ask.id } });
  deps.events.publish(conversationChannel(row.conversationId), { type: 'status', data: { status: input.returnToBot ? 'bot' : 'resolved', rate: true } });
  await recordEvent(deps, row, 'resolved', agent.id);
  notifyWebhook(deps, 'handoff.resolved', row);
  return row;
}

/**
 * A customer writing again soon after a resolution reopens the case, back to the agent who
 * owned it (or the queue when they are gone). Returns the reopened handoff, if any.
 */
export async function reopenIfRecent(deps: Deps, conversationId: string): Promise<HandoffRow | undefined> {
  const now = deps.clock.now();
  const since = new Date(now.getTime() - deps.config.reopenWindowDays * 86_400_000);
  const [last] = await deps.db
    .select()
    .from(handoffs)
    .where(and(eq(handoffs.conversationId, conversationId), eq(handoffs.status, 'resolved'), gte(handoffs.resolvedAt, since)))
    .orderBy(desc(handoffs.resolvedAt))
    .limit(1);
  if (!last) return undefined;
  const [row] = await deps.db
    .update(handoffs)
    .set({ status: last.assigneeId ? 'claimed' : 'waiting', reopenCount: sql`${handoffs.reopenCount} + 1`, resolvedAt: null, updatedAt: now })
    .where(and(eq(handoffs.id, last.id), eq(handoffs.status, 'resolved')))
    .returning();
  if (!row) return undefined;
  await deps.db.update(conversations).set({ status: 'agent', updatedAt: now }).where(eq(conversations.id, conversationId));
  await recordEvent(deps, row, 'reopened', null);
  return row;
}

/** Every message of the handoff's conversation, internal notes included (agents only). */
export async function listMessagesForAgent(deps: Pick<Deps, 'db'>, handoffId: string): Promise<MessageRow[]> {
  const handoff = await getHandoff(deps, handoffId);
  return deps.db.select().from(messages).where(eq(messages.conversationId, handoff.conversationId)).orderBy(asc(messages.id));
}
