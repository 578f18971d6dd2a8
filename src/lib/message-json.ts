import { z } from '@hono/zod-openapi';
import { BOT_DECISIONS, MESSAGE_ROLES, type MessageRow } from '../db/schema/index.js';

export const CitationSchema = z.object({
  article_id: z.string(),
  title: z.string(),
  url: z.string(),
  snippet: z.string().openapi({ description: 'Safe HTML with matched terms in <mark>' }),
  score: z.number(),
});

export const MessageSchema = z
  .object({
    id: z.string(),
    role: z.enum(MESSAGE_ROLES),
    text: z.string(),
    created_at: z.string(),
    reply_to: z.string().nullable(),
    decision: z.enum(BOT_DECISIONS).nullable().openapi({ description: 'Bot messages: answer, clarify, fallback or handoff' }),
    confidence: z.number().nullable(),
    citations: z.array(CitationSchema),
    choices: z.array(z.object({ article_id: z.string(), title: z.string(), url: z.string() })).openapi({
      description: 'Clarifying choices: send one back as `article_id` to get its answer',
    }),
    handoff: z.object({ reason: z.string(), severity: z.string() }).nullable(),
    author: z.string().nullable().openapi({ description: 'Agent messages: the name of the agent who wrote it' }),
  })
  .openapi('Message');


/** A stored message as the API shows it (customers, agents and the SSE stream alike). */
export function toMessageJson(m: MessageRow) {
  return {
    id: m.id,
    role: m.role,
    text: m.text,
    created_at: m.createdAt.toISOString(),
    reply_to: m.replyToId,
    decision: m.decision,
    confidence: m.confidence,
    citations: m.citations ?? [],
    choices: m.choices ?? [],
    handoff: m.decision === 'handoff' ? { reason: String(m.meta?.reason ?? ''), severity: String(m.meta?.severity ?? 'general') } : null,
    author: m.role === 'agent' && typeof m.meta?.agent_name === 'string' ? m.meta.agent_name : null,
  };
}

/** A new message row: only what differs from a plain visible message needs saying. */
export function newMessage(fields: Pick<MessageRow, 'id' | 'conversationId' | 'role' | 'text' | 'createdAt'> & Partial<MessageRow>): MessageRow {
  return {
    replyToId: null,
    idempotencyKey: null,
    decision: null,
    confidence: null,
    citations: null,
    choices: null,
    meta: null,
    internal: false,
    authorId: null,
    ...fields,
  };
}
