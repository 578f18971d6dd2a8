/**
 * One bot turn: read the message, retrieve, decide, and write the reply in the customer's
 * language with citations or choices. The optional LLM only rewrites an answer the retrieval
 * already grounded; any failure falls back to the extractive answer.
 */
import { inArray } from 'drizzle-orm';
import { articles, type Choice, type Citation, type Locale } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { isOpen } from '../../lib/service-calendar.js';
import { articleUrl } from '../articles/articles.service.js';
import { logSearch } from '../search/search.log.js';
import { isPublicArticle, rankArticles } from '../search/search.service.js';
import { buildSnippet } from '../search/search.snippet.js';
import { tokenize } from '../search/search.text.js';
import { analyzeMessage, type MessageSignals, type Severity } from './bot.analyze.js';
import { extractAnswer } from './bot.answer.js';
import { generateGroundedAnswer } from './bot.llm.js';
import { BOT_TEXTS, type BotLocale } from './bot.messages.js';
import { decideTurn, toCandidates, type BotPolicy, type Candidate, type HandoffReason, type TurnDecision } from './bot.policy.js';

export type BotReply = {
  locale: BotLocale;
  text: string;
  decision: TurnDecision['decision'];
  confidence: number;
  citations: Citation[];
  choices: Choice[];
  meta: Record<string, unknown>;
  signals: MessageSignals;
};

/** The language a message is written in, when it says: mostly Han → zh, mostly Latin → en. */
export function detectLocale(text: string): BotLocale | null {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const latin = text.match(/\p{Script=Latin}/gu)?.length ?? 0;
  if (han === 0 && latin === 0) return null;
  return han * 3 >= latin ? 'zh' : 'en';
}

// A short message that leans on the previous one: "那运费呢?", "and for international orders?"
const FOLLOW_UP = /^(那|那么|还有|另外|如果|要是|and\b|what about\b|how about\b|also\b|but\b|what if\b|and if\b)/iu;

export function isFollowUp(text: string): boolean {
  return FOLLOW_UP.test(text.trim()) || tokenize(text).length <= 3;
}

export type TurnInput = {
  text: string;
  conversationLocale: Locale;
  /** The customer's previous message in this conversation, for follow-ups. */
  previousText?: string | undefined;
  failedTurns: number;
  /** The customer picked this article from a clarifying question. */
  chosenArticleId?: string | undefined;
  /** The article the previous bot answer cited. */
  lastAnsweredId?: string | undefined;
  policy?: BotPolicy;
  onToken?: (token: string) => void;
  /** Logs the turn's search for analytics under this conversation. */
  conversationId?: string | undefined;
};

async function retrieve(deps: Deps, query: string, locale: Locale): Promise<Candidate[]> {
  const { ranked } = await rankArticles(deps, { q: query, locale, limit: 5 }, {});
  return toCandidates(ranked);
}

/** What the bot says when it hands over: why, in the customer's words, and an honest wait. */
export function handoffText(deps: Pick<Deps, 'clock' | 'config'>, locale: BotLocale, reason: HandoffReason, severity: Severity): string {
  const t = BOT_TEXTS[locale];
  const lead =
    reason === 'complaint'
      ? t.handoffComplaint(severity)
      : reason === 'human_request' || reason === 'customer_button'
        ? t.handoffHuman
        : reason === 'repeated_failure'
          ? t.handoffRepeated
          : t.handoffLowConfidence;
  const cal = deps.config.serviceCalendar;
  const within = t.duration(deps.config.sla[severity].firstResponseMinutes);
  const hhmm = (h: number) => `${String(Math.floor(h)).padStart(2, '0')}:${String(Math.round((h % 1) * 60)).padStart(2, '0')}`;
  const wait = isOpen(cal, deps.clock.now()) ? t.waitInHours(within) : t.waitOutOfHours(`${hhmm(cal.open)}–${hhmm(cal.close)} (${cal.timeZone})`, within);
  return `${lead}\n${wait}`;
}

export async function runBotTurn(deps: Deps, input: TurnInput): Promise<BotReply> {
  const locale: BotLocale = detectLocale(input.text) ?? (input.conversationLocale === 'zh' ? 'zh' : 'en');
  const t = BOT_TEXTS[locale];
  const signals = analyzeMessage(input.text);
  const policy = input.policy ?? deps.config.botPolicy;

  let query = input.text;
  let candidates: Candidate[];
  let decision: TurnDecision;
  if (input.chosenArticleId && (await isPublicArticle(deps, input.chosenArticleId))) {
    candidates = [{ id: input.chosenArticleId, score: 1 }];
    decision = { decision: 'answer', articleId: input.chosenArticleId, confidence: 1 };
  } else {
    candidates = await retrieve(deps, query, locale);
    if (input.previousText && isFollowUp(input.text) && (candidates[0]?.score ?? 0) < policy.answerThreshold) {
      const combined = `${input.previousText} ${input.text}`;
      const withContext = await retrieve(deps, combined, locale);
      if ((withContext[0]?.score ?? 0) > (candidates[0]?.score ?? 0)) {
        candidates = withContext;
        query = combined;
      }
    }
    decision = decideTurn({ signals, candidates, failedTurns: input.failedTurns, lastAnsweredId: input.lastAnsweredId }, policy);
    // A request for a person is not a question about content: it is not counted as a search.
    if (input.conversationId && !signals.humanRequested) {
      const entry = {
        id: deps.newId(),
        query,
        locale,
        audience: 'public' as const,
        source: 'bot' as const,
        resultCount: candidates.length,
        topIds: candidates.map((c) => c.id),
        topScore: candidates[0]?.score ?? null,
        tookMs: 0,
        conversationId: input.conversationId,
      };
      deps.background.run(undefined, () => logSearch(deps, entry));
    }
  }

  const ids = [...new Set([...candidates.map((c) => c.id)])];
  const rows = ids.length ? await deps.db.select().from(articles).where(inArray(articles.id, ids)) : [];
  // Only what a customer may read, as stored now (an index can lag a change by a second).
  const byId = new Map(rows.filter((r) => r.status === 'published' && r.audience === 'public').map((r) => [r.id, r]));
  const queryTerms = new Set(tokenize(query));
  const cite = (id: string, score: number): Citation | null => {
    const a = byId.get(id);
    return a ? { article_id: a.id, title: a.title, url: articleUrl(a), snippet: buildSnippet(a.summary || a.body, queryTerms), score: Math.round(score * 1000) / 1000 } : null;
  };
  const choice = (id: string): Choice | null => {
    const a = byId.get(id);
    return a ? { article_id: a.id, title: a.title, url: articleUrl(a) } : null;
  };
  const scoreOf = (id: string) => candidates.find((c) => c.id === id)?.score ?? 0;
  const meta: Record<string, unknown> = { query, candidates: candidates.map((c) => ({ id: c.id, score: Math.round(c.score * 1000) / 1000 })) };
  if (signals.temperament) meta.temperament = signals.temperament;

  const base = { locale, confidence: decision.confidence, signals, meta };
  switch (decision.decision) {
    case 'answer': {
      const article = byId.get(decision.articleId);
      if (!article) break;
      const citation = cite(article.id, scoreOf(article.id))!;
      const extractive = extractAnswer(article, query);
      const llm = deps.chatModel
        ? await generateGroundedAnswer(deps, { question: input.text, locale, passages: [{ n: 1, title: article.title, text: extractive }], onToken: input.onToken })
        : null;
      meta.answer_source = llm ? 'llm' : 'extractive';
      if (decision.repeated) meta.repeated = true;
      return { ...base, decision: 'answer', text: `${llm ?? extractive}\n\n${t.answerFollowUp}`, citations: [citation], choices: [] };
    }
    case 'clarify':
      return { ...base, decision: 'clarify', text: t.clarify, citations: [], choices: decision.choices.map(choice).filter((c): c is Choice => c !== null) };
    case 'handoff': {
      meta.reason = decision.reason;
      meta.severity = decision.severity;
      if (signals.complaint) meta.complaint = signals.complaint;
      return { ...base, decision: 'handoff', text: handoffText(deps, locale, decision.reason, decision.severity), citations: [], choices: [] };
    }
    case 'fallback': {
      const citations = decision.suggestions.map((id) => cite(id, scoreOf(id))).filter((c): c is Citation => c !== null);
      return { ...base, decision: 'fallback', text: citations.length ? t.fallbackWithSuggestions : t.fallback, citations, choices: [] };
    }
  }
  return { ...base, decision: 'fallback', text: t.fallback, citations: [], choices: [] };
}
