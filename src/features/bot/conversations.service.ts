/**
 * Conversations between a customer and the bot (and later agents). The customer's message is
 * stored before any work is done on it; the bot's reply and the conversation's new state are
 * written together in one batch. A retried request with the same Idempotency-Key stores nothing
 * twice and returns the same reply.
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { articles, articleViews, conversationFeedback, conversations, messages, type ConversationRow, type HandoffRow, type Locale, type MessageRow } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { AppError } from '../../lib/errors.js';
import { generateToken, hashToken } from '../../lib/tokens.js';
import { newMessage, toMessageJson } from '../../lib/message-json.js';
import { summarizeWithModel } from '../handoff/handoff.summary.js';
import { conversationChannel, noteCustomerMessage, notifyWebhook, openHandoffStatements, QUEUE_CHANNEL, reopenIfRecent } from '../handoff/handoff.service.js';

export { conversationChannel, toMessageJson };
import { handoffText, runBotTurn, type BotReply } from './bot.turn.js';

export type StartInput = {
  locale?: Locale | undefined;
  customer?: { name?: string | undefined; email?: string | undefined; phone?: string | undefined; external_id?: string | undefined } | undefined;
  page_url?: string | undefined;
};


export async function startConversation(deps: Deps, input: StartInput): Promise<{ conversation: ConversationRow; token: string }> {
  const token = generateToken('cv');
  const now = deps.clock.now();
  const row: ConversationRow = {
    id: deps.newId(),
    locale: input.locale ?? 'zh',
    status: 'bot',
    tokenHash: await hashToken(token),
    customerName: input.customer?.name ?? null,
    customerEmail: input.customer?.email ?? null,
    customerPhone: input.customer?.phone ?? null,
    customerExternalId: input.customer?.external_id ?? null,
    pageUrl: input.page_url ?? null,
    failedTurns: 0,
    messageCount: 0,
    createdAt: now,
    updatedAt: now,
  };
  await deps.db.insert(conversations).values(row);
  return { conversation: row, token };
}

/** The conversation if `token` opens it. Unknown id and wrong token look the same (404). */
export async function openConversation(deps: Pick<Deps, 'db'>, id: string, token: string | undefined): Promise<ConversationRow> {
  const [row] = await deps.db.select().from(conversations).where(eq(conversations.id, id));
  if (!row || !token || row.tokenHash !== (await hashToken(token))) {
    throw new AppError('not_found', `bot: no conversation ${id} for this token`);
  }
  return row;
}

export async function listMessages(deps: Pick<Deps, 'db'>, conversationId: string, options: { after?: string; includeInternal?: boolean } = {}) {
  const conditions = [eq(messages.conversationId, conversationId)];
  if (options.after) conditions.push(sql`${messages.id} > ${options.after}`);
  if (!options.includeInternal) conditions.push(eq(messages.internal, false));
  return deps.db.select().from(messages).where(and(...conditions)).orderBy(asc(messages.id));
}

export type PostResult = { message: MessageRow; reply: MessageRow | null; replayed: boolean };

async function findByKey(deps: Deps, conversationId: string, key: string) {
  const [message] = await deps.db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.idempotencyKey, key)));
  if (!message) return undefined;
  const [reply] = await deps.db.select().from(messages).where(eq(messages.replyToId, message.id));
  return { message, reply: reply ?? null };
}

export async function postCustomerMessage(
  deps: Deps,
  opened: ConversationRow,
  input: { text: string; idempotencyKey?: string | undefined; chosenArticleId?: string | undefined },
  hooks: { onToken?: (token: string) => void } = {},
): Promise<PostResult> {
  let conversation = opened;
  let message: MessageRow;
  if (input.idempotencyKey) {
    const earlier = await findByKey(deps, conversation.id, input.idempotencyKey);
    if (earlier?.reply || (earlier && conversation.status !== 'bot')) return { ...earlier, replayed: true };
    if (earlier) message = earlier.message; // stored, but the reply never was: answer it now
  }
  message ??= await storeCustomerMessage(deps, conversation, input);

  const events = deps.events;
  events.publish(conversationChannel(conversation.id), { type: 'message', id: message.id, data: toMessageJson(message) });
  if (conversation.status === 'resolved') {
    // Writing again soon after a resolution reopens the case with its agent; later, the bot answers.
    const reopened = await reopenIfRecent(deps, conversation.id);
    if (reopened) return { message, reply: null, replayed: false };
    await deps.db.update(conversations).set({ status: 'bot', failedTurns: 0 }).where(eq(conversations.id, conversation.id));
    conversation = { ...conversation, status: 'bot', failedTurns: 0 };
  }
  // After a handoff the bot stays silent: the message waits for an agent.
  if (conversation.status !== 'bot') {
    await noteCustomerMessage(deps, conversation.id);
    return { message, reply: null, replayed: false };
  }

  const [[previous], [lastBot]] = await deps.db.batch([
    deps.db
      .select({ text: messages.text })
      .from(messages)
      .where(and(eq(messages.conversationId, conversation.id), eq(messages.role, 'customer'), sql`${messages.id} < ${message.id}`))
      .orderBy(desc(messages.id))
      .limit(1),
    deps.db
      .select({ decision: messages.decision, citations: messages.citations })
      .from(messages)
      .where(and(eq(messages.conversationId, conversation.id), eq(messages.role, 'bot')))
      .orderBy(desc(messages.id))
      .limit(1),
  ]);
  const turn = await runBotTurn(deps, {
    text: message.text,
    conversationLocale: conversation.locale as Locale,
    previousText: previous?.text,
    failedTurns: conversation.failedTurns,
    chosenArticleId: input.chosenArticleId,
    lastAnsweredId: lastBot?.decision === 'answer' ? lastBot.citations?.[0]?.article_id : undefined,
    conversationId: conversation.id,
    onToken: (token) => {
      events.publish(conversationChannel(conversation.id), { type: 'token', data: { reply_to: message.id, token } });
      hooks.onToken?.(token);
    },
  });
  const reply = await storeBotReply(deps, conversation, message, turn);
  events.publish(conversationChannel(conversation.id), { type: 'message', id: reply.id, data: toMessageJson(reply) });
  if (turn.decision === 'handoff') events.publish(conversationChannel(conversation.id), { type: 'status', data: { status: 'handoff' } });
  return { message, reply, replayed: false };
}

async function storeCustomerMessage(deps: Deps, conversation: ConversationRow, input: { text: string; idempotencyKey?: string | undefined }): Promise<MessageRow> {
  if (conversation.messageCount >= deps.config.maxMessagesPerConversation) {
    throw new AppError('rate_limited', `bot: this conversation has reached ${deps.config.maxMessagesPerConversation} messages; please start a new one`);
  }
  const row = newMessage({
    id: deps.newId(),
    conversationId: conversation.id,
    role: 'customer',
    text: input.text,
    idempotencyKey: input.idempotencyKey ?? null,
    createdAt: deps.clock.now(),
  });
  try {
    await deps.db.batch([
      deps.db.insert(messages).values(row),
      deps.db
        .update(conversations)
        .set({ messageCount: sql`${conversations.messageCount} + 1`, updatedAt: row.createdAt })
        .where(eq(conversations.id, conversation.id)),
    ]);
  } catch (error) {
    // Two retries raced with the same key: the other one stored it.
    if (input.idempotencyKey && String(error).includes('UNIQUE')) {
      const earlier = await findByKey(deps, conversation.id, input.idempotencyKey);
      if (earlier) return earlier.message;
    }
    throw error;
  }
  return row;
}

async function storeBotReply(deps: Deps, conversation: ConversationRow, to: MessageRow | null, turn: BotReply): Promise<MessageRow> {
  const now = deps.clock.now();
  const row = newMessage({
    id: deps.newId(),
    conversationId: conversation.id,
    role: 'bot',
    text: turn.text,
    replyToId: to?.id ?? null,
    decision: turn.decision,
    confidence: Math.round(turn.confidence * 1000) / 1000,
    citations: turn.citations,
    choices: turn.choices,
    meta: turn.meta,
    createdAt: now,
  });
  const failed = turn.decision === 'fallback' || turn.meta.repeated === true || turn.meta.reason === 'repeated_failure';
  const statements: [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]] = [
    deps.db.insert(messages).values(row),
    deps.db
      .update(conversations)
      .set({
        messageCount: sql`${conversations.messageCount} + 1`,
        // Only "solved" feedback clears failures: an answer may still not have helped.
        failedTurns: failed ? sql`${conversations.failedTurns} + 1` : conversations.failedTurns,
        status: turn.decision === 'handoff' ? 'handoff' : conversations.status,
        updatedAt: now,
      })
      .where(eq(conversations.id, conversation.id)),
  ];
  let handoff: HandoffRow | undefined;
  if (turn.decision === 'handoff') {
    // The handoff opens in the same batch as the status change: never one without the other.
    const transcript = [...(await listMessages(deps, conversation.id, { includeInternal: true })), row];
    const views = await deps.db.select().from(articleViews).where(eq(articleViews.conversationId, conversation.id)).orderBy(asc(articleViews.at));
    const complaint = turn.signals.complaint;
    const opened = openHandoffStatements(deps, conversation, transcript, views, {
      reason: String(turn.meta.reason ?? 'human_request'),
      severity: (turn.meta.severity as 'major' | 'medium' | 'general' | undefined) ?? 'general',
      category: complaint?.category ?? null,
      temperament: turn.signals.temperament,
    });
    handoff = opened.row;
    statements.push(...opened.statements);
  }
  await deps.db.batch(statements);
  if (handoff) {
    const opened = handoff;
    if (deps.chatModel) deps.background.run(undefined, () => summarizeWithModel(deps, opened));
    notifyWebhook(deps, 'handoff.created', handoff);
    deps.events.publish(QUEUE_CHANNEL, { type: 'handoff.created', id: handoff.id, data: { id: handoff.id, severity: handoff.severity, reason: handoff.reason, summary: handoff.summary } });
  }
  return row;
}

/**
 * "Did this answer solve it?" A "no" counts as a failed turn; when failures reach the policy's
 * limit the bot hands the conversation to a person and says so.
 */
export async function recordFeedback(deps: Deps, conversation: ConversationRow, input: { resolved: boolean; messageId?: string | undefined }) {
  const now = deps.clock.now();
  if (input.messageId) {
    const [m] = await deps.db.select({ id: messages.id }).from(messages).where(and(eq(messages.id, input.messageId), eq(messages.conversationId, conversation.id), eq(messages.role, 'bot')));
    if (!m) throw new AppError('not_found', `bot: no bot message ${input.messageId} in this conversation`, { errors: [{ path: 'body.message_id', message: 'Not a bot message of this conversation' }] });
  }
  await deps.db.batch([
    deps.db.insert(conversationFeedback).values({ id: deps.newId(), conversationId: conversation.id, messageId: input.messageId ?? null, resolved: input.resolved, createdAt: now }),
    deps.db
      .update(conversations)
      .set({ failedTurns: input.resolved ? 0 : sql`${conversations.failedTurns} + 1`, updatedAt: now })
      .where(eq(conversations.id, conversation.id)),
  ]);
  const failedTurns = input.resolved ? 0 : conversation.failedTurns + 1;
  if (input.resolved || conversation.status !== 'bot' || failedTurns < deps.config.botPolicy.maxFailedTurns) return { reply: null };
  // Two answers in a row did not help: a person takes over.
  const locale = conversation.locale === 'en' ? 'en' : 'zh';
  const reply = await storeBotReply(deps, { ...conversation, failedTurns }, null, {
    locale,
    text: handoffText(deps, locale, 'repeated_failure', 'general'),
    decision: 'handoff',
    confidence: 0,
    citations: [],
    choices: [],
    meta: { reason: 'repeated_failure', severity: 'general', trigger: 'feedback' },
    signals: { humanRequested: false, complaint: null, temperament: null },
  });
  deps.events.publish(conversationChannel(conversation.id), { type: 'message', id: reply.id, data: toMessageJson(reply) });
  deps.events.publish(conversationChannel(conversation.id), { type: 'status', data: { status: 'handoff' } });
  return { reply };
}

/** The customer opened an article from the chat (a citation or a choice). */
export async function recordArticleOpened(deps: Deps, conversation: ConversationRow, articleId: string): Promise<void> {
  const [article] = await deps.db.select({ id: articles.id }).from(articles).where(and(eq(articles.id, articleId), eq(articles.audience, 'public')));
  if (!article) throw new AppError('not_found', `bot: no article ${articleId}`, { errors: [{ path: 'body.article_id', message: 'Unknown article' }] });
  await deps.db.insert(articleViews).values({ id: deps.newId(), conversationId: conversation.id, articleId, at: deps.clock.now() });
}

/** The customer pressed "talk to a person": hand over at once (no-op when people already have it). */
export async function requestHuman(deps: Deps, conversation: ConversationRow): Promise<MessageRow | null> {
  if (conversation.status !== 'bot' && conversation.status !== 'resolved') return null;
  const locale = conversation.locale === 'en' ? 'en' : 'zh';
  const reply = await storeBotReply(deps, conversation, null, {
    locale,
    text: handoffText(deps, locale, 'customer_button', 'general'),
    decision: 'handoff',
    confidence: 0,
    citations: [],
    choices: [],
    meta: { reason: 'customer_button', severity: 'general' },
    signals: { humanRequested: true, complaint: null, temperament: null },
  });
  deps.events.publish(conversationChannel(conversation.id), { type: 'message', id: reply.id, data: toMessageJson(reply) });
  deps.events.publish(conversationChannel(conversation.id), { type: 'status', data: { status: 'handoff' } });
  return reply;
}

