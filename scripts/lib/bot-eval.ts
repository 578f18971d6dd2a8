/**
 * Bot metrics for the evaluation harness: every query goes through the bot's real message
 * analysis, retrieval and turn decision, as a first message in a new conversation. The
 * decision is re-applied over a sweep of answer thresholds (retrieval is done once), which
 * gives the trade-off curve between answering in-scope questions and catching out-of-scope ones.
 */
import type { Deps } from '../../src/deps.js';
import type { Locale } from '../../src/db/schema/index.js';
import { analyzeMessage } from '../../src/features/bot/bot.analyze.js';
import { decideTurn, toCandidates, DEFAULT_POLICY, type BotPolicy, type Candidate } from '../../src/features/bot/bot.policy.js';
import { rankArticles } from '../../src/features/search/search.service.js';

export type BotCase = { expected: string | null; candidates: Candidate[]; signals: ReturnType<typeof analyzeMessage> };

export async function collectBotCases(
  deps: Deps,
  queries: { q: string; expected: string | null; locale: Locale | undefined }[],
  toDatasetId: (articleId: string) => string,
): Promise<BotCase[]> {
  const cases: BotCase[] = [];
  for (const query of queries) {
    const { ranked } = await rankArticles(deps, { q: query.q, locale: query.locale, limit: 5 }, {});
    cases.push({
      expected: query.expected,
      candidates: toCandidates(ranked, toDatasetId),
      signals: analyzeMessage(query.q),
    });
  }
  return cases;
}

export type BotMetrics = {
  answered_in_scope: number;
  correct_in_scope: number;
  precision_answered: number;
  clarify_in_scope_with_expected: number;
  oos_handoff_or_fallback: number;
  clarify_rate: number;
};

export function scoreBot(cases: BotCase[], policy: BotPolicy = DEFAULT_POLICY): BotMetrics {
  let inScope = 0;
  let answered = 0;
  let correct = 0;
  let clarifiedRight = 0;
  let oos = 0;
  let caught = 0;
  let clarified = 0;
  for (const c of cases) {
    const d = decideTurn({ signals: c.signals, candidates: c.candidates, failedTurns: 0 }, policy);
    if (d.decision === 'clarify') clarified++;
    if (c.expected === null) {
      oos++;
      if (d.decision === 'fallback' || d.decision === 'handoff') caught++;
    } else {
      inScope++;
      if (d.decision === 'answer') {
        answered++;
        if (d.articleId === c.expected) correct++;
      }
      if (d.decision === 'clarify' && d.choices.includes(c.expected)) clarifiedRight++;
    }
  }
  const share = (n: number, of: number) => (of === 0 ? 0 : Math.round((n / of) * 1000) / 1000);
  return {
    answered_in_scope: share(answered, inScope),
    correct_in_scope: share(correct, inScope),
    precision_answered: share(correct, answered),
    clarify_in_scope_with_expected: share(clarifiedRight, inScope),
    oos_handoff_or_fallback: share(caught, oos),
    clarify_rate: share(clarified, cases.length),
  };
}

/** The same cases under answer thresholds from 0.1 to 0.9 (other policy settings scaled along). */
export function tradeOffCurve(cases: BotCase[], base: BotPolicy = DEFAULT_POLICY) {
  const rows = [];
  for (let t = 0.1; t <= 0.901; t += 0.05) {
    const answerThreshold = Math.round(t * 100) / 100;
    const ratio = answerThreshold / base.answerThreshold;
    const policy: BotPolicy = {
      ...base,
      answerThreshold,
      clarifyThreshold: Math.round(base.clarifyThreshold * ratio * 1000) / 1000,
      confidentThreshold: Math.max(answerThreshold, Math.min(0.99, base.confidentThreshold * ratio)),
    };
    rows.push({ answer_threshold: answerThreshold, ...scoreBot(cases, policy) });
  }
  return rows;
}
