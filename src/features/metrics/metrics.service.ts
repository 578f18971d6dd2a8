/**
 * Service metrics over a period (docs/metrics.md defines each figure). Computed from the
 * handoffs, conversations, callbacks and follow-ups created in [from, to).
 */
import { and, count, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { callbacks, conversations, followUps, handoffs, searchLog } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { metricsSeries } from './metrics.series.js';

const MINUTE = 60_000;

function quantile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return Math.round((sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo)) * 10) / 10;
}

const share = (n: number, of: number) => (of === 0 ? null : Math.round((n / of) * 1000) / 1000);

/** The figures of docs/metrics.md over `[from, to)`, optionally for one language. */
export async function metricsSummary(deps: Pick<Deps, 'db' | 'clock' | 'config'>, range: { from: Date; to: Date; locale?: string | undefined }) {
  const now = deps.clock.now();
  const convWhere: SQL[] = [gte(conversations.createdAt, range.from), lt(conversations.createdAt, range.to), sql`${conversations.messageCount} > 0`];
  const handoffWhere: SQL[] = [gte(handoffs.createdAt, range.from), lt(handoffs.createdAt, range.to)];
  if (range.locale) {
    convWhere.push(eq(conversations.locale, range.locale));
    handoffWhere.push(eq(handoffs.locale, range.locale));
  }
  // Help-center searches by customers (the bot's own retrieval is not a customer search).
  const searchWhere: SQL[] = [gte(searchLog.at, range.from), lt(searchLog.at, range.to), eq(searchLog.source, 'search'), eq(searchLog.audience, 'public')];
  if (range.locale) searchWhere.push(eq(searchLog.locale, range.locale));
  const [convTotals, handed, rows, cbs, fus, searches] = await deps.db.batch([
    deps.db.select({ n: count() }).from(conversations).where(and(...convWhere)),
    deps.db
      .select({ n: sql<number>`count(distinct ${handoffs.conversationId})` })
      .from(handoffs)
      .innerJoin(conversations, eq(conversations.id, handoffs.conversationId))
      .where(and(...convWhere)),
    deps.db.select().from(handoffs).where(and(...handoffWhere)),
    deps.db.select().from(callbacks).where(and(gte(callbacks.createdAt, range.from), lt(callbacks.createdAt, range.to))),
    deps.db.select().from(followUps).where(and(gte(followUps.createdAt, range.from), lt(followUps.createdAt, range.to))),
    deps.db
      .select({ n: count(), zero: sql<number>`sum(case when ${searchLog.resultCount} = 0 then 1 else 0 end)` })
      .from(searchLog)
      .where(and(...searchWhere)),
  ]);
  const series = await metricsSeries(deps.db, { timeZone: deps.config.serviceCalendar.timeZone, from: range.from, to: range.to, now, convWhere, rows });
  const searchTotal = searches[0]?.n ?? 0;
  const zeroResult = Number(searches[0]?.zero ?? 0);
  const conversationsTotal = convTotals[0]?.n ?? 0;
  const withHandoff = Number(handed[0]?.n ?? 0);

  const byReason: Record<string, number> = {};
  for (const h of rows) byReason[h.reason] = (byReason[h.reason] ?? 0) + 1;
  const resolved = rows.filter((h) => h.resolvedAt);
  const firstResponse = rows.filter((h) => h.firstResponseAt).map((h) => (h.firstResponseAt!.getTime() - h.createdAt.getTime()) / MINUTE);
  const resolution = resolved.map((h) => (h.resolvedAt!.getTime() - h.createdAt.getTime()) / MINUTE);
  const rated = rows.filter((h) => h.csatRating !== null);
  const distribution = Object.fromEntries([1, 2, 3, 4, 5].map((r) => [String(r), rated.filter((h) => h.csatRating === r).length]));
  const complaints: Record<string, Record<string, number>> = {};
  for (const h of rows.filter((x) => x.reason === 'complaint')) {
    const cat = h.category ?? 'uncategorised';
    complaints[cat] ??= { major: 0, medium: 0, general: 0 };
    complaints[cat]![h.severity] = (complaints[cat]![h.severity] ?? 0) + 1;
  }

  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    conversations: conversationsTotal,
    bot_resolved_share: share(conversationsTotal - withHandoff, conversationsTotal),
    handoffs: rows.length,
    handoff_rate: share(withHandoff, conversationsTotal),
    handoffs_by_reason: byReason,
    first_contact_resolution: share(resolved.filter((h) => h.transferCount === 0 && h.reopenCount === 0 && h.escalationLevel === 0).length, resolved.length),
    time_to_first_response_minutes: { median: quantile(firstResponse, 0.5), p90: quantile(firstResponse, 0.9), count: firstResponse.length },
    time_to_resolution_minutes: { median: quantile(resolution, 0.5), p90: quantile(resolution, 0.9), count: resolution.length },
    sla_breaches: {
      first_response: rows.filter((h) => (h.firstResponseAt ?? now) > h.firstResponseDue).length,
      resolution: rows.filter((h) => (h.resolvedAt ?? now) > h.resolutionDue).length,
    },
    csat: {
      responses: rated.length,
      average: rated.length ? Math.round((rated.reduce((s, h) => s + h.csatRating!, 0) / rated.length) * 100) / 100 : null,
      distribution,
    },
    complaints_by_category: complaints,
    callbacks: {
      requested: cbs.length,
      done: cbs.filter((c) => c.status === 'done').length,
      unreachable: cbs.filter((c) => c.status === 'unreachable').length,
      open: cbs.filter((c) => c.status === 'open').length,
      overdue: cbs.filter((c) => c.status === 'open' && c.dueAt < now).length,
    },
    follow_ups: {
      due: fus.length,
      done: fus.filter((f) => f.doneAt).length,
      satisfied: fus.filter((f) => f.outcome === 'satisfied').length,
      not_satisfied: fus.filter((f) => f.outcome === 'not_satisfied').length,
      unreachable: fus.filter((f) => f.outcome === 'unreachable').length,
    },
    search: { searches: searchTotal, zero_result: zeroResult, zero_result_share: share(zeroResult, searchTotal) },
    series,
  };
}
