import { z } from '@hono/zod-openapi';
import { CONVERSATION_STATUSES, LOCALES } from '../../db/schema/index.js';
import { MessageSchema } from '../../lib/message-json.js';

export { MessageSchema };

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

export const ConversationSchema = z
  .object({
    id: z.string(),
    locale: z.enum(LOCALES),
    status: z.enum(CONVERSATION_STATUSES),
    created_at: z.string(),
    messages: z.array(MessageSchema),
  })
  .openapi('Conversation');

/** The customer's view of their case (handoff.customer.ts): status, honest wait, rating still owed. */
export const CustomerHandoffSchema = z
  .object({
    status: z.enum(['waiting', 'claimed', 'resolved']),
    agent_name: z.string().nullable().openapi({ description: 'The person who owns the case, once claimed' }),
    first_response_due: z.string().openapi({ description: 'First contact is promised by then (service-calendar working time)' }),
    first_response_at: z.string().nullable(),
    resolution_due: z.string(),
    resolved_at: z.string().nullable(),
    rated: z.boolean().openapi({ description: 'false on a resolved case: ask for the 1–5 rating' }),
    agents_working_now: z.boolean().openapi({ description: 'false outside service hours: offer a callback' }),
    next_opening: z.string().openapi({ description: 'When agents next work (now when they do)' }),
  })
  .openapi('CustomerHandoff');

export const ConversationViewSchema = ConversationSchema.extend({
  handoff: CustomerHandoffSchema.nullable().openapi({ description: 'The latest case with people, null when there never was one' }),
}).openapi('ConversationView');

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

export const RatingBody = z
  .object({ rating: z.number().int().min(1).max(5), comment: z.string().trim().max(2000).optional() })
  .strict()
  .openapi('Rating');

export const CallbackBody = z
  .object({
    phone: z
      .string()
      .trim()
      .regex(/^\+?[\d\s()-]{6,20}$/, 'Digits, spaces, +, ( ) and - only'),
    window_start: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Earliest time to call' }),
    window_end: z.iso.datetime({ offset: true }).optional(),
    note: z.string().trim().max(1000).optional(),
  })
  .strict()
  .refine((b) => !b.window_start || !b.window_end || new Date(b.window_start) < new Date(b.window_end), {
    message: 'The window must end after it starts',
    path: ['window_end'],
  })
  .openapi('CallbackRequest');
