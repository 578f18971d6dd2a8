/**
 * The context packet an agent receives with a handoff, so the customer never repeats
 * themselves. Frozen at handoff time; its JSON shape is part of the API (HandoffPacketSchema).
 */
import type { ConversationRow, MessageRow } from '../../db/schema/index.js';

export type HandoffTrigger = {
  reason: string;
  severity: 'major' | 'medium' | 'general';
  category: string | null;
  temperament: string | null;
};

export type HandoffPacket = {
  version: 1;
  reason: string;
  severity: 'major' | 'medium' | 'general';
  complaint_category: string | null;
  temperament: string | null;
  summary: string;
  locale: string;
  page_url: string | null;
  customer: { name: string | null; email: string | null; phone: string | null; external_id: string | null };
  transcript: Array<{ id: string; role: string; text: string; at: string }>;
  bot_answers: Array<{
    message_id: string;
    decision: string | null;
    confidence: number | null;
    text: string;
    citations: Array<{ article_id: string; title: string; url: string }>;
  }>;
  articles_opened: Array<{ article_id: string; at: string }>;
};

const REASONS: Record<string, { en: string; zh: string }> = {
  human_request: { en: 'asked for a person', zh: '要求转人工' },
  complaint: { en: 'complaint', zh: '投诉' },
  repeated_failure: { en: 'the bot failed twice', zh: '机器人连续两次未能解决' },
  low_confidence: { en: 'the bot was not confident', zh: '机器人没有把握' },
  out_of_scope: { en: 'not covered by the help center', zh: '帮助中心未覆盖' },
  customer_button: { en: 'pressed "talk to a person"', zh: '点击了“转人工”' },
};

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** A summary an agent reads in five seconds: who, why, what they asked, what the bot tried. */
export function summarize(trigger: HandoffTrigger, conversation: ConversationRow, transcript: MessageRow[]): string {
  const zh = conversation.locale === 'zh';
  const asked = transcript.filter((m) => m.role === 'customer').map((m) => m.text);
  const tried = [...new Set(transcript.flatMap((m) => (m.role === 'bot' ? (m.citations ?? []).map((c) => c.title) : [])))];
  const reason = REASONS[trigger.reason]?.[zh ? 'zh' : 'en'] ?? trigger.reason;
  const who = conversation.customerName ?? (zh ? '顾客' : 'Customer');
  const first = clip(asked[0] ?? '', 120);
  const last = asked.length > 1 ? clip(asked[asked.length - 1]!, 120) : '';
  if (zh) {
    return [
      `【${trigger.severity === 'major' ? '重大' : trigger.severity === 'medium' ? '中级' : '一般'}｜${reason}】${who}：“${first}”`,
      last ? `最近一句：“${last}”` : '',
      tried.length ? `机器人已提供：${tried.slice(0, 3).join('、')}` : '机器人未找到相关文章',
    ]
      .filter(Boolean)
      .join('。');
  }
  return [
    `[${trigger.severity} · ${reason}] ${who}: "${first}"`,
    last ? `Latest: "${last}"` : '',
    tried.length ? `Bot offered: ${tried.slice(0, 3).join('; ')}` : 'Bot found no article',
  ]
    .filter(Boolean)
    .join('. ');
}

export function buildPacket(
  trigger: HandoffTrigger,
  conversation: ConversationRow,
  transcript: MessageRow[],
  views: Array<{ articleId: string; at: Date }> = [],
): HandoffPacket {
  return {
    version: 1,
    reason: trigger.reason,
    severity: trigger.severity,
    complaint_category: trigger.category,
    temperament: trigger.temperament,
    summary: summarize(trigger, conversation, transcript),
    locale: conversation.locale,
    page_url: conversation.pageUrl,
    customer: {
      name: conversation.customerName,
      email: conversation.customerEmail,
      phone: conversation.customerPhone,
      external_id: conversation.customerExternalId,
    },
    transcript: transcript.filter((m) => !m.internal).map((m) => ({ id: m.id, role: m.role, text: m.text, at: m.createdAt.toISOString() })),
    bot_answers: transcript
      .filter((m) => m.role === 'bot')
      .map((m) => ({
        message_id: m.id,
        decision: m.decision,
        confidence: m.confidence,
        text: m.text,
        citations: (m.citations ?? []).map((c) => ({ article_id: c.article_id, title: c.title, url: c.url })),
      })),
    articles_opened: views.map((v) => ({ article_id: v.articleId, at: v.at.toISOString() })),
  };
}
