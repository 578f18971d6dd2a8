import { z } from '@hono/zod-openapi';
import { BOT_DECISIONS, CONVERSATION_STATUSES, LOCALES, MESSAGE_ROLES } from '../../db/schema/index.js';

export const StartConversationBody = z
  .object({
    locale: z.enum(LOCALES).optional(),
    customer: z
      .object({
        name: z.string().trim().min(1).max(100).optional(),
        email: z.string().trim().toLowerCase().email().max(200).optional(),
        phone: z
          .string()
          .trim()
          .regex(/^\+?[\d\s()-]{6,20}$/, 'Digits, spaces, +, ( ) and - only')
          .optional(),
        external_id: z.string().trim().min(1).max(100).optional(),
      })
      .strict()
      .optional(),
    page_url: z.string().url().max(2000).optional(),
  })
  .strict()
  .openapi('StartConversation');

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
  })
  .openapi('Message');

export const ConversationSchema = z
  .object({
    id: z.string(),
    locale: z.enum(LOCALES),
    status: z.enum(CONVERSATION_STATUSES),
    created_at: z.string(),
    messages: z.array(MessageSchema),
  })
  .openapi('Conversation');

export const StartedSchema = ConversationSchema.extend({
  token: z.string().openapi({ description: 'Send as X-Conversation-Token (or ?token= for the event stream). Shown once.' }),
}).openapi('StartedConversation');

export const PostMessageBody = z
  .object({
    text: z.string().trim().min(1, 'Write a message'),
    article_id: z.string().min(1).max(64).optional().openapi({ description: 'A clarifying choice the customer picked' }),
  })
  .strict()
  .openapi('PostMessage');

export const PostedSchema = z
  .object({ message: MessageSchema, reply: MessageSchema.nullable().openapi({ description: 'null after a handoff: a person will answer' }) })
  .openapi('PostedMessage');

export const FeedbackBody = z.object({ resolved: z.boolean(), message_id: z.string().min(1).max(64).optional() }).strict().openapi('ConversationFeedback');
export const FeedbackResult = z.object({ recorded: z.literal(true), reply: MessageSchema.nullable() }).openapi('FeedbackResult');

export const ConversationParams = z.object({ id: z.string().min(1).max(64) });
export const TokenHeader = z.object({
  'x-conversation-token': z.string().min(1).max(200).optional().openapi({ description: 'The token from POST /api/conversations' }),
});
export const MessageHeaders = TokenHeader.extend({
  'idempotency-key': z.string().min(1).max(200).optional().openapi({ description: 'Retries with the same key store nothing twice' }),
});
export const EventsQuery = z.object({
  token: z.string().min(1).max(200).optional(),
  after: z.string().min(1).max(64).optional().openapi({ description: 'Only messages after this id (also read from Last-Event-ID)' }),
});
