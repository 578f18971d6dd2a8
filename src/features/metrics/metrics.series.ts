/**
 * The metrics summary's time series: the period cut into buckets of whole service-calendar days
 * (one day each for periods up to MAX_POINTS days, longer buckets beyond, so a chart never gets
 * more than MAX_POINTS points), with conversations, deflection, handoffs, SLA breaches and CSAT
 * per bucket. A conversation or handoff counts in the bucket of the day it was created, as in the
 * summary's totals.
 *
 * Runtime trap: days are cut with the zone's UTC offset at the end of the period, so in a zone
 * with daylight saving the days of the other season are shifted by the DST hour (the default
 * zone, Asia/Shanghai, has none). One offset keeps the grouping a plain SQL expression.
 */
import { and, sql, type SQL } from 'drizzle-orm';
import { conversations, handoffs, type HandoffRow } from '../../db/schema/index.js';
import type { Db } from '../../db/client.js';

export const MAX_POINTS = 60;
const DAY = 86_400_000;

export type SeriesPoint = {
  /** First local day of the bucket (YYYY-MM-DD). */
  start: string;
  conversations: number;
  bot_resolved_share: number | null;
  handoffs: number;
  /** Handoffs of the bucket past at least one SLA due time (first response or resolution). */
  sla_breached: number;
  csat_responses: number;
  csat_average: number | null;
};

export type Series = { time_zone: string; bucket_days: number; points: SeriesPoint[] };

/** The zone's offset from UTC at `at`, in milliseconds (+8 h for Asia/Shanghai). */
export function zoneOffsetMs(timeZone: string, at: Date): number {
  const f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, Number(x.value)]));
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return Math.round((wall - at.getTime()) / 60_000) * 60_000;
}

type Buckets = { offset: number; firstDay: number; bucketDays: number; count: number };

/** How [from, to) is cut: local day numbers (days since the epoch in the zone) and bucket size. */
export function planBuckets(timeZone: string, from: Date, to: Date): Buckets {
  const offset = zoneOffsetMs(timeZone, to);
  const firstDay = Math.floor((from.getTime() + offset) / DAY);
  const lastDay = Math.floor((to.getTime() - 1 + offset) / DAY);
  const days = Math.max(1, lastDay - firstDay + 1);
  const bucketDays = Math.ceil(days / MAX_POINTS);
  return { offset, firstDay, bucketDays, count: Math.ceil(days / bucketDays) };
}

const bucketOf = (b: Buckets, day: number) => Math.min(b.count - 1, Math.max(0, Math.floor((day - b.firstDay) / b.bucketDays)));
const share = (n: number, of: number) => (of === 0 ? null : Math.round((n / of) * 1000) / 1000);

/**
 * The series over `[from, to)`. `convWhere` selects the period's conversations (as the summary
 * does); `rows` are the period's handoffs, already loaded by the summary.
 */
export async function metricsSeries(
  db: Db,
  options: { timeZone: string; from: Date; to: Date; now: Date; convWhere: SQL[]; rows: HandoffRow[] },
): Promise<Series> {
  const b = planBuckets(options.timeZone, options.from, options.to);
  const day = sql<number>`(${conversations.createdAt} + ${b.offset}) / ${DAY}`;
  const perDay = await db
    .select({
      day,
      n: sql<number>`count(*)`,
      // Spelled out: drizzle leaves columns of a one-table select unqualified, which a subquery would misread.
      handed: sql<number>`sum(exists (select 1 from ${handoffs} h where h.conversation_id = ${conversations}.id))`,
    })
    .from(conversations)
    .where(and(...options.convWhere))
    .groupBy(day);

  const acc = Array.from({ length: b.count }, () => ({ conversations: 0, handed: 0, handoffs: 0, breached: 0, rated: 0, ratingSum: 0 }));
  for (const r of perDay) {
    const a = acc[bucketOf(b, Number(r.day))]!;
    a.conversations += Number(r.n);
    a.handed += Number(r.handed ?? 0);
  }
  for (const h of options.rows) {
    const a = acc[bucketOf(b, Math.floor((h.createdAt.getTime() + b.offset) / DAY))]!;
    a.handoffs += 1;
    if ((h.firstResponseAt ?? options.now) > h.firstResponseDue || (h.resolvedAt ?? options.now) > h.resolutionDue) a.breached += 1;
    if (h.csatRating !== null) {
      a.rated += 1;
      a.ratingSum += h.csatRating;
    }
  }
  return {
    time_zone: options.timeZone,
    bucket_days: b.bucketDays,
    points: acc.map((a, i) => ({
      start: new Date((b.firstDay + i * b.bucketDays) * DAY).toISOString().slice(0, 10),
      conversations: a.conversations,
      bot_resolved_share: share(a.conversations - a.handed, a.conversations),
      handoffs: a.handoffs,
      sla_breached: a.breached,
      csat_responses: a.rated,
      csat_average: a.rated ? Math.round((a.ratingSum / a.rated) * 100) / 100 : null,
    })),
  };
}
