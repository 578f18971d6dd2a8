import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { conversations } from './conversations.js';
import { timestamp } from './columns.js';

export const HANDOFF_STATUSES = ['waiting', 'claimed', 'resolved'] as const;
export type HandoffStatus = (typeof HANDOFF_STATUSES)[number];
export const SEVERITIES = ['major', 'medium', 'general'] as const;
export type SeverityLevel = (typeof SEVERITIES)[number];

/**
 * A conversation handed to people (a ticket). Created in the same batch as the conversation's
 * status change; `packet` is the context an agent needs, frozen at handoff time (see
 * handoff.packet.ts for its documented shape). SLA due times are computed from the service
 * calendar when the handoff is created (or escalated / reopened).
 */
export const handoffs = sqliteTable(
  'handoffs',
  {
    id: text('id').primaryKey(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    status: text('status', { enum: HANDOFF_STATUSES }).notNull().default('waiting'),
    reason: text('reason').notNull(),
    severity: text('severity', { enum: SEVERITIES }).notNull().default('general'),
    /** Sort key: major 0, medium 1, general 2 (lower first). */
    priority: integer('priority').notNull(),
    category: text('category'),
    locale: text('locale').notNull(),
    summary: text('summary').notNull(),
    packet: text('packet', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    assigneeId: text('assignee_id'),
    /** A team or queue name after a transfer to another category ("billing", "complaints"). */
    queue: text('queue').notNull().default('general'),
    escalationLevel: integer('escalation_level').notNull().default(0),
    firstResponseDue: timestamp('first_response_due').notNull(),
    resolutionDue: timestamp('resolution_due').notNull(),
    claimedAt: timestamp('claimed_at'),
    firstResponseAt: timestamp('first_response_at'),
    resolvedAt: timestamp('resolved_at'),
    resolutionNote: text('resolution_note'),
    articlesUsed: text('articles_used', { mode: 'json' }).$type<string[]>(),
    reopenCount: integer('reopen_count').notNull().default(0),
    transferCount: integer('transfer_count').notNull().default(0),
    csatRating: integer('csat_rating'),
    csatComment: text('csat_comment'),
    csatAt: timestamp('csat_at'),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [
    index('handoffs_queue_idx').on(t.status, t.priority, t.firstResponseDue),
    index('handoffs_assignee_idx').on(t.assigneeId, t.status),
    index('handoffs_conversation_idx').on(t.conversationId),
    index('handoffs_created_idx').on(t.createdAt),
  ],
);

/** Every change to a handoff (claim, transfer, release, escalate, resolve, reopen), for audit and metrics. */
export const handoffEvents = sqliteTable(
  'handoff_events',
  {
    id: text('id').primaryKey(),
    handoffId: text('handoff_id')
      .notNull()
      .references(() => handoffs.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    actorId: text('actor_id'),
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
    at: timestamp('at').notNull(),
  },
  (t) => [index('handoff_events_handoff_idx').on(t.handoffId, t.at)],
);

/** A customer's request to be called back (回拨), with its own due time. */
export const callbacks = sqliteTable(
  'callbacks',
  {
    id: text('id').primaryKey(),
    handoffId: text('handoff_id').references(() => handoffs.id, { onDelete: 'cascade' }),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    phone: text('phone').notNull(),
    windowStart: timestamp('window_start'),
    windowEnd: timestamp('window_end'),
    note: text('note'),
    dueAt: timestamp('due_at').notNull(),
    status: text('status', { enum: ['open', 'done', 'unreachable'] }).notNull().default('open'),
    doneBy: text('done_by'),
    doneAt: timestamp('done_at'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [index('callbacks_status_idx').on(t.status, t.dueAt)],
);

/** The follow-up (回访) owed on every resolved handoff, due within 3 days. */
export const followUps = sqliteTable(
  'follow_ups',
  {
    id: text('id').primaryKey(),
    handoffId: text('handoff_id')
      .notNull()
      .references(() => handoffs.id, { onDelete: 'cascade' }),
    dueAt: timestamp('due_at').notNull(),
    outcome: text('outcome', { enum: ['satisfied', 'not_satisfied', 'unreachable'] }),
    note: text('note'),
    agentId: text('agent_id'),
    doneAt: timestamp('done_at'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [index('follow_ups_due_idx').on(t.doneAt, t.dueAt), uniqueIndex('follow_ups_handoff_open_uq').on(t.handoffId, t.createdAt)],
);

export type HandoffRow = typeof handoffs.$inferSelect;
export type HandoffEventRow = typeof handoffEvents.$inferSelect;
export type CallbackRow = typeof callbacks.$inferSelect;
export type FollowUpRow = typeof followUps.$inferSelect;
