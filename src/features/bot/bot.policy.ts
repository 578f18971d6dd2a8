/**
 * The decision of every bot turn: answer, clarify, fall back or hand off. Pure: it sees the
 * message's signals, the retrieval candidates with their calibrated scores (0–1, the share of
 * the query the article matches) and the conversation's recent history.
 */
import type { MessageSignals, Severity } from './bot.analyze.js';

export const HANDOFF_REASONS = ['human_request', 'complaint', 'repeated_failure', 'low_confidence', 'out_of_scope', 'customer_button'] as const;
export type HandoffReason = (typeof HANDOFF_REASONS)[number];

export type BotPolicy = {
  /** Answer when the best match scores at least this and leads the next one by `minMargin`. */
  answerThreshold: number;
  /** Answer at or above this score whatever the margin. */
  confidentThreshold: number;
  minMargin: number;
  /** Below `answerThreshold` but at least this, with 2+ close candidates: offer choices. */
  clarifyThreshold: number;
  /** A candidate is "close" when its score is at least this share of the best one. */
  clarifyBand: number;
  maxChoices: number;
  /** Failed bot turns in a row (fallbacks, "not solved") after which a person takes over. */
  maxFailedTurns: number;
};

/** Calibrated on the evaluation sets' trade-off curve (docs/bot.md); a deployment may override. */
export const DEFAULT_POLICY: BotPolicy = {
  answerThreshold: 0.5,
  confidentThreshold: 0.75,
  minMargin: 0.05,
  clarifyThreshold: 0.5,
  clarifyBand: 0.95,
  maxChoices: 3,
  maxFailedTurns: 2,
};

/** A retrieval result as the policy sees it: `score` is the 0–1 confidence, `relevance` the raw ranking value. */
export type Candidate = { id: string; score: number; relevance?: number };

/**
 * The bot's confidence in one search result (0–1). The search score blends how well the closest
 * phrasing and the whole article match; an article with few or no alternate questions (a long
 * passage) can match fully in its body while its blend stays low, so the body match also counts.
 */
export const confidenceOf = (r: { score: number; articleMatch: number }) => Math.min(1, Math.max(r.score, r.articleMatch));

/** The policy's view of the first search results (ids optionally mapped, e.g. to dataset ids). */
export function toCandidates(
  ranked: ReadonlyArray<{ id: string; score: number; articleMatch: number; relevance: number }>,
  mapId: (id: string) => string = (id) => id,
  limit = 5,
): Candidate[] {
  return ranked.slice(0, limit).map((r) => ({ id: mapId(r.id), score: confidenceOf(r), relevance: r.relevance }));
}

export type TurnDecision =
  | { decision: 'answer'; articleId: string; confidence: number; repeated?: boolean }
  | { decision: 'clarify'; choices: string[]; confidence: number }
  | { decision: 'fallback'; suggestions: string[]; confidence: number }
  | { decision: 'handoff'; reason: HandoffReason; severity: Severity; confidence: number; suggestions: string[] };

export type TurnContext = {
  signals: MessageSignals;
  candidates: Candidate[];
  /** Failed bot turns in a row before this one. */
  failedTurns: number;
  /** The article the bot answered with last turn: asking again for it means that answer failed. */
  lastAnsweredId?: string | undefined;
};

export function decideTurn(ctx: TurnContext, policy: BotPolicy = DEFAULT_POLICY): TurnDecision {
  const [best, second] = ctx.candidates;
  const confidence = best?.score ?? 0;
  const suggestions = ctx.candidates.slice(0, policy.maxChoices).map((c) => c.id);

  if (ctx.signals.complaint) {
    return { decision: 'handoff', reason: 'complaint', severity: ctx.signals.complaint.severity, confidence, suggestions };
  }
  if (ctx.signals.humanRequested) return { decision: 'handoff', reason: 'human_request', severity: 'general', confidence, suggestions };

  if (best) {
    // Closeness and margin on the unclamped relevance: two results clamped to 1 may still be far apart.
    const rel = (c: Candidate) => c.relevance ?? c.score;
    const margin = (rel(best) - rel(second ?? { id: '', score: 0 })) / Math.max(1, rel(best));
    const close = ctx.candidates.filter((c) => c.score >= policy.clarifyThreshold && rel(c) >= rel(best) * policy.clarifyBand);
    const clear = close.length < 2 || (best.score >= policy.confidentThreshold && margin >= policy.minMargin);
    if (best.score >= policy.answerThreshold && clear) {
      // Asking again for what the last answer gave means that answer did not help.
      if (best.id === ctx.lastAnsweredId) {
        if (ctx.failedTurns + 1 >= policy.maxFailedTurns) {
          return { decision: 'handoff', reason: 'repeated_failure', severity: 'general', confidence, suggestions };
        }
        return { decision: 'answer', articleId: best.id, confidence, repeated: true };
      }
      return { decision: 'answer', articleId: best.id, confidence };
    }
    // Several articles fit about equally well: let the customer pick rather than guess.
    if (close.length >= 2) return { decision: 'clarify', choices: close.slice(0, policy.maxChoices).map((c) => c.id), confidence };
  }

  // Nothing good. After earlier failures, a person takes over rather than another apology;
  // an agitated customer gets there one turn sooner.
  const failures = ctx.failedTurns + 1 + (ctx.signals.temperament === 'agitated' ? 1 : 0);
  if (failures >= policy.maxFailedTurns) {
    return { decision: 'handoff', reason: ctx.failedTurns > 0 ? 'repeated_failure' : 'low_confidence', severity: 'general', confidence, suggestions };
  }
  return { decision: 'fallback', suggestions: ctx.candidates.filter((c) => c.score >= policy.clarifyThreshold / 2).slice(0, policy.maxChoices).map((c) => c.id), confidence };
}
