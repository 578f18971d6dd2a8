import { z } from '@hono/zod-openapi';
import { HANDOFF_STATUSES, LOCALES, SEVERITIES } from '../../db/schema/index.js';

export const HandoffPacketSchema = z
  .object({
    version: z.literal(1),
    reason: z.string().openapi({ description: 'human_request, complaint, repeated_failure, low_confidence, out_of_scope, customer_button' }),
    severity: z.enum(SEVERITIES),
    complaint_category: z.string().nullable().openapi({ description: 'product_function … service_etiquette, when a complaint was detected' }),
    temperament: z.string().nullable().openapi({ description: 'agitated, demanding or confused, when detected' }),
    summary: z.string().openapi({ description: 'Readable in five seconds: who, why, what they asked, what the bot tried' }),
    locale: z.string(),
    page_url: z.string().nullable(),
    customer: z.object({ name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable(), external_id: z.string().nullable() }),
    transcript: z.array(z.object({ id: z.string(), role: z.string(), text: z.string(), at: z.string() })),
    bot_answers: z.array(
      z.object({
        message_id: z.string(),
        decision: z.string().nullable(),
        confidence: z.number().nullable(),
        text: z.string(),
        citations: z.array(z.object({ article_id: z.string(), title: z.string(), url: z.string() })),
      }),
    ),
    articles_opened: z.array(z.object({ article_id: z.string(), at: z.string() })),
  })
  .openapi('HandoffPacket');

export const HandoffSchema = z
  .object({
    id: z.string(),
    conversation_id: z.string(),
    status: z.enum(HANDOFF_STATUSES),
    reason: z.string(),
    severity: z.enum(SEVERITIES),
    category: z.string().nullable(),
    locale: z.string(),
    summary: z.string(),
    queue: z.string(),
    assignee_id: z.string().nullable(),
    escalation_level: z.number().int(),
    first_response_due: z.string(),
    resolution_due: z.string(),
    first_response_at: z.string().nullable(),
    claimed_at: z.string().nullable(),
    resolved_at: z.string().nullable(),
    breached: z.object({ first_response: z.boolean(), resolution: z.boolean() }).openapi({ description: 'Computed now against the due times' }),
    created_at: z.string(),
  })
  .openapi('Handoff');

export const QueueItemSchema = HandoffSchema.extend({
  awaiting_reply_since: z.string().nullable().openapi({ description: "The customer's oldest message no agent has answered yet; null when the agent spoke last" }),
}).openapi('QueueItem');

export const HandoffDetailSchema = HandoffSchema.extend({ packet: HandoffPacketSchema }).openapi('HandoffDetail');

export const QueueQuery = z.object({
  status: z.enum(['open', 'waiting', 'claimed', 'resolved']).default('open'),
  severity: z.enum(SEVERITIES).optional(),
  category: z.string().min(1).max(60).optional(),
  locale: z.enum(LOCALES).optional(),
  queue: z.string().min(1).max(60).optional(),
  mine: z
    .enum(['1', '0', 'true', 'false'])
    .transform((v) => v === '1' || v === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const HandoffParams = z.object({ id: z.string().min(1).max(64) });
export const AgentMessageBody = z.object({ text: z.string().trim().min(1).max(5000), internal: z.boolean().default(false) }).strict().openapi('AgentMessage');
export const TransferBody = z
  .object({ agent_id: z.string().min(1).max(64).optional(), queue: z.string().trim().min(1).max(60).optional(), note: z.string().max(2000).optional() })
  .strict()
  .refine((b) => b.agent_id || b.queue, { message: 'Name an agent_id or a queue', path: ['agent_id'] })
  .openapi('Transfer');
export const ResolveBody = z
  .object({
    note: z.string().trim().min(1, 'Say what was done').max(5000),
    article_ids: z.array(z.string().min(1).max(64)).max(20).default([]),
    return_to_bot: z.boolean().default(false).openapi({ description: 'Hand the conversation back to the bot, which answers the customer’s next message' }),
  })
  .strict()
  .openapi('Resolve');
export const EscalateBody = z.object({ note: z.string().max(2000).optional() }).strict().openapi('Escalate');

export const ListQuery = z.object({
  open: z
    .enum(['1', '0', 'true', 'false'])
    .transform((v) => v === '1' || v === 'true')
    .default(true),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const FollowUpSchema = z
  .object({
    id: z.string(),
    handoff_id: z.string(),
    conversation_id: z.string(),
    summary: z.string(),
    customer: z
      .object({ name: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() })
      .openapi({ description: 'Who to call, from the case’s context packet' }),
    due_at: z.string(),
    overdue: z.boolean(),
    outcome: z.enum(['satisfied', 'not_satisfied', 'unreachable']).nullable(),
    note: z.string().nullable(),
    done_at: z.string().nullable(),
  })
  .openapi('FollowUp');

export const FollowUpBody = z
  .object({ outcome: z.enum(['satisfied', 'not_satisfied', 'unreachable']), note: z.string().trim().max(2000).optional() })
  .strict()
  .openapi('FollowUpOutcome');

export const CallbackSchema = z
  .object({
    id: z.string(),
    conversation_id: z.string(),
    handoff_id: z.string().nullable(),
    phone: z.string(),
    window_start: z.string().nullable(),
    window_end: z.string().nullable(),
    note: z.string().nullable(),
    due_at: z.string(),
    overdue: z.boolean(),
    status: z.enum(['open', 'done', 'unreachable']),
  })
  .openapi('Callback');

export const CallbackDoneBody = z.object({ status: z.enum(['done', 'unreachable']) }).strict().openapi('CallbackOutcome');
export const IdParam = z.object({ id: z.string().min(1).max(64) });
