import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns.js';

export const CONVERSATION_STATUSES = ['bot', 'handoff', 'agent', 'resolved', 'closed'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];
export const MESSAGE_ROLES = ['customer', 'bot', 'agent', 'system'] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];
export const BOT_DECISIONS = ['answer', 'clarify', 'fallback', 'handoff'] as const;
export type BotDecision = (typeof BOT_DECISIONS)[number];

/** An article cited by a bot answer, as the customer sees it. */
export type Citation = { article_id: string; title: string; url: string; snippet: string; score: number };
/** A clarifying choice: one click sends `article_id` back as the answer wanted. */
export type Choice = { article_id: string; title: string; url: string };

/**
 * A customer's conversation with the bot and, after a handoff, with agents. The customer
 * proves ownership with a random access token; only its SHA-256 is stored.
 */
export const conversations = sqliteTable(
  'conversations',
  {
    id: text('id').primaryKey(),
    locale: text('locale').notNull(),
    status: text('status', { enum: CONVERSATION_STATUSES }).notNull().default('bot'),
    tokenHash: text('token_hash').notNull(),
    customerName: text('customer_name'),
    customerEmail: text('customer_email'),
    customerPhone: text('customer_phone'),
    customerExternalId: text('customer_external_id'),
    pageUrl: text('page_url'),
    /** Bot turns in a row that did not help (fallbacks, "not solved" feedback, rephrasing). */
    failedTurns: integer('failed_turns').notNull().default(0),
    messageCount: integer('message_count').notNull().default(0),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [index('conversations_status_idx').on(t.status, t.updatedAt)],
);

/** Every message of a conversation, in order of `id` (time-ordered UUIDv7). */
export const messages = sqliteTable(
  'messages',
  {
    id: text('id').primaryKey(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    role: text('role', { enum: MESSAGE_ROLES }).notNull(),
    text: text('text').notNull(),
    /** The customer message this one answers (bot replies). */
    replyToId: text('reply_to_id'),
    /** Sent by the client with the customer message, so a retry stores nothing twice. */
    idempotencyKey: text('idempotency_key'),
    decision: text('decision', { enum: BOT_DECISIONS }),
    confidence: real('confidence'),
    citations: text('citations', { mode: 'json' }).$type<Citation[]>(),
    choices: text('choices', { mode: 'json' }).$type<Choice[]>(),
    /** Decision details: handoff reason and severity, complaint category, what was searched. */
    meta: text('meta', { mode: 'json' }).$type<Record<string, unknown>>(),
    /** Agent notes never shown to the customer. */
    internal: integer('internal', { mode: 'boolean' }).notNull().default(false),
    authorId: text('author_id'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [
    index('messages_conversation_idx').on(t.conversationId, t.id),
    uniqueIndex('messages_idempotency_uq').on(t.conversationId, t.idempotencyKey),
  ],
);

/** "Did this answer solve it?" per bot answer. */
export const conversationFeedback = sqliteTable(
  'conversation_feedback',
  {
    id: text('id').primaryKey(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    messageId: text('message_id'),
    resolved: integer('resolved', { mode: 'boolean' }).notNull(),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [index('conversation_feedback_conversation_idx').on(t.conversationId)],
);

export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;

/** Articles a customer opened from the chat (citations, choices): part of the handoff packet. */
export const articleViews = sqliteTable(
  'article_views',
  {
    id: text('id').primaryKey(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    articleId: text('article_id').notNull(),
    at: timestamp('at').notNull(),
  },
  (t) => [index('article_views_conversation_idx').on(t.conversationId, t.at)],
);
