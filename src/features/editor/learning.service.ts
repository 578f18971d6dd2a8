/**
 * The knowledge base learning from real traffic: readers' "was this helpful?", the report of
 * what customers asked and did not find (content gaps), and one-call fixes — a failed question
 * attached to an article as an alternate phrasing is found by search and the bot at once.
 */
import { and, count, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { articleFeedback, articleRevisions, articles, handoffs, messages, searchLog } from '../../db/schema/index.js';
import type { Deps, Staff } from '../../deps.js';
import { AppError } from '../../lib/errors.js';
import { auditStatement } from '../audit/audit.service.js';
import { reindexArticle } from '../search/search.reindex.js';
import { getArticleById } from './editor.service.js';

export async function recordArticleFeedback(deps: Deps, articleId: string, input: { helpful: boolean; comment?: string | undefined }) {
  const [article] = await deps.db
    .select({ id: articles.id })
    .from(articles)
    .where(and(eq(articles.id, articleId), eq(articles.status, 'published'), eq(articles.audience, 'public')));
  if (!article) throw new AppError('not_found', `editor: no published article ${articleId}`);
  await deps.db.insert(articleFeedback).values({ id: deps.newId(), articleId, helpful: input.helpful, comment: input.comment ?? null, at: deps.clock.now() });
}

/** Adds a customer's phrasing to an article's alternate questions, live at once. */
export async function attachQuestion(deps: Deps, articleId: string, question: string, actor: Staff) {
  const current = await getArticleById(deps, articleId);
  if (current.questions.some((q) => q.toLowerCase() === question.toLowerCase())) {
    throw new AppError('conflict', 'editor: the article already has this question', { errors: [{ path: 'body.question', message: 'Already there' }] });
  }
  const now = deps.clock.now();
  const questions = [...current.questions, question];
  const [saved] = await deps.db
    .update(articles)
    .set({ questions, version: current.version + 1, updatedBy: actor.id, updatedAt: now })
    .where(and(eq(articles.id, articleId), eq(articles.version, current.version)))
    .returning();
  if (!saved) throw new AppError('precondition_failed', 'editor: the article changed while adding the question; try again', { extra: { current_version: current.version } });
  const { slug, kind, title, summary, body, tags, category, audience } = saved;
  await deps.db.batch([
    deps.db.insert(articleRevisions).values({ id: deps.newId(), articleId, version: saved.version, slug, kind, title, summary, body, questions, tags, category, audience, status: saved.status, changeNote: `Added question: ${question}`, createdBy: actor.id, createdAt: now }),
    auditStatement(deps.db, now, { actorId: actor.id, action: 'article.add_question', entityType: 'article', entityId: articleId, summary: question }),
  ]);
  reindexArticle(deps, saved);
  return saved;
}

/** What customers asked and did not get: the editors' weekly work list. */
export async function contentGaps(deps: Pick<Deps, 'db'>, range: { from: Date; to: Date; limit: number }) {
  const inRange = (column: typeof searchLog.at | typeof messages.createdAt) => and(gte(column, range.from), lt(column, range.to));
  const [zero, beforeHandoff, failures, feedback, outdated] = await deps.db.batch([
    deps.db
      .select({ query: searchLog.query, count: count() })
      .from(searchLog)
      .where(and(inRange(searchLog.at), eq(searchLog.resultCount, 0)))
      .groupBy(searchLog.query)
      .orderBy(desc(count()))
      .limit(range.limit),
    // What customers asked the bot in conversations that then went to a person.
    deps.db
      .select({ query: searchLog.query, count: count() })
      .from(searchLog)
      .where(and(inRange(searchLog.at), eq(searchLog.source, 'bot'), inArray(searchLog.conversationId, deps.db.select({ id: handoffs.conversationId }).from(handoffs))))
      .groupBy(searchLog.query)
      .orderBy(desc(count()))
      .limit(range.limit),
    // The customer messages the bot could not answer (fallback) or handed over for lack of an answer.
    deps.db
      .select({ question: sql<string>`q.text`, decision: messages.decision, meta: messages.meta })
      .from(messages)
      .innerJoin(sql`messages q`, sql`q.id = ${messages.replyToId}`)
      .where(and(inRange(messages.createdAt), eq(messages.role, 'bot'), inArray(messages.decision, ['fallback', 'handoff'])))
      .orderBy(desc(messages.createdAt))
      .limit(range.limit * 5),
    deps.db
      .select({ id: articles.id, title: articles.title, locale: articles.locale, helpful: sql<number>`sum(${articleFeedback.helpful})`, votes: count() })
      .from(articleFeedback)
      .innerJoin(articles, eq(articles.id, articleFeedback.articleId))
      .where(and(gte(articleFeedback.at, range.from), lt(articleFeedback.at, range.to)))
      .groupBy(articles.id)
      .having(sql`count(*) >= 3 and sum(${articleFeedback.helpful}) * 2 < count(*)`)
      .limit(range.limit),
    deps.db
      .select({ id: articles.id, locale: articles.locale, slug: articles.slug, title: articles.title })
      .from(articles)
      .where(eq(articles.translationOutdated, true))
      .limit(range.limit),
  ]);
  const grouped = new Map<string, { question: string; count: number; decision: string | null; closest_article_id: string | null }>();
  for (const f of failures) {
    const reason = (f.meta as { reason?: string } | null)?.reason;
    if (f.decision === 'handoff' && reason !== 'low_confidence' && reason !== 'repeated_failure') continue; // asked for a person or complained: not a content gap
    const key = f.question.trim().toLowerCase();
    const candidates = (f.meta as { candidates?: Array<{ id: string }> } | null)?.candidates ?? [];
    const g = grouped.get(key) ?? { question: f.question.trim(), count: 0, decision: f.decision, closest_article_id: candidates[0]?.id ?? null };
    g.count++;
    grouped.set(key, g);
  }
  return {
    zero_result_searches: zero.map((z) => ({ query: z.query, count: z.count })),
    searches_before_handoff: beforeHandoff.map((b) => ({ query: b.query, count: b.count })),
    unanswered_questions: [...grouped.values()].sort((a, b) => b.count - a.count).slice(0, range.limit),
    unhelpful_articles: feedback.map((f) => ({ id: f.id, title: f.title, locale: f.locale, helpful: Number(f.helpful), votes: f.votes })),
    outdated_translations: outdated,
  };
}
