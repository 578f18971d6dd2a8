/** The metrics summary's chart data: per-day series, search zero-result share, date-only periods in the service time zone. */
import { describe, expect, it } from 'vitest';
import { planBuckets, zoneOffsetMs } from '../../src/features/metrics/metrics.series.js';
import { createBotApp } from '../bot/fixtures.js';
import { createStaffToken } from '../helpers.js';

type Point = { start: string; conversations: number; bot_resolved_share: number | null; handoffs: number; sla_breached: number; csat_responses: number; csat_average: number | null };

async function activity() {
  const t = await createBotApp();
  const agent = await createStaffToken(t.deps, 'agent');
  const admin = await createStaffToken(t.deps, 'admin');
  // 18 Nov, 06:00 in Shanghai (still 17 Nov in UTC): answered by the bot.
  t.clock.set('2026-11-18T06:00:00+08:00');
  const a = await t.start({ locale: 'en' });
  await t.say(a, 'How long does a refund take?');
  // 19 Nov: handed to a person, resolved, rated 4.
  t.clock.set('2026-11-19T10:00:00+08:00');
  const b = await t.start({ locale: 'zh' });
  await t.say(b, '转人工');
  const [handoff] = (await (await t.request('/api/queue', { token: agent.token })).json()).items;
  await t.request(`/api/handoffs/${handoff.id}/claim`, { method: 'POST', token: agent.token });
  await t.request(`/api/handoffs/${handoff.id}/messages`, { method: 'POST', token: agent.token, body: JSON.stringify({ text: '您好，我来帮您查。' }) });
  await t.request(`/api/handoffs/${handoff.id}/resolve`, { method: 'POST', token: agent.token, body: JSON.stringify({ note: 'done', article_ids: [] }) });
  const rated = await t.request(`/api/conversations/${b.id}/rating`, { method: 'POST', headers: { 'X-Conversation-Token': b.token }, body: JSON.stringify({ rating: 4 }) });
  expect(rated.status).toBe(200);
  // 20 Nov: a complaint, and two help-center searches (one finds nothing).
  t.clock.set('2026-11-20T09:00:00+08:00');
  const c = await t.start({ locale: 'en' });
  await t.say(c, 'This is unacceptable, the agent was rude to me. I want to make a complaint.');
  await t.request('/api/search?q=refund&locale=en');
  await t.request('/api/search?q=qqxxzzvv&locale=en');
  t.clock.set('2026-11-20T10:00:00+08:00');
  const get = async (query: string) => {
    const res = await t.request(`/api/metrics/summary?${query}`, { token: admin.token });
    expect(res.status).toBe(200);
    return res.json();
  };
  return { get };
}

describe('metrics summary for charts', () => {
  it('gives one point per service day with conversations, deflection, handoffs, breaches and CSAT', async () => {
    const { get } = await activity();
    const m = await get('from=2026-11-14&to=2026-11-21');
    expect(m.series.time_zone).toBe('Asia/Shanghai');
    expect(m.series.bucket_days).toBe(1);
    const points: Point[] = m.series.points;
    expect(points.map((p) => p.start)).toEqual(['2026-11-14', '2026-11-15', '2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20']);
    expect(points[4]).toMatchObject({ conversations: 1, bot_resolved_share: 1, handoffs: 0 });
    expect(points[5]).toMatchObject({ conversations: 1, bot_resolved_share: 0, handoffs: 1, csat_responses: 1, csat_average: 4 });
    expect(points[6]).toMatchObject({ conversations: 1, handoffs: 1, csat_responses: 0, csat_average: null });
    expect(points[0]).toMatchObject({ conversations: 0, bot_resolved_share: null });
    // The series adds up to the totals.
    expect(points.reduce((s, p) => s + p.conversations, 0)).toBe(m.conversations);
    expect(points.reduce((s, p) => s + p.handoffs, 0)).toBe(m.handoffs);
    expect(m.complaints_by_category).not.toEqual({});
  });

  it('reports the share of customer searches that found nothing', async () => {
    const { get } = await activity();
    const m = await get('from=2026-11-14&to=2026-11-21');
    expect(m.search).toEqual({ searches: 2, zero_result: 1, zero_result_share: 0.5 });
    expect((await get('from=2026-11-14&to=2026-11-21&locale=zh')).search).toEqual({ searches: 0, zero_result: 0, zero_result_share: null });
  });

  it('takes a date alone as midnight in the service time zone', async () => {
    const { get } = await activity();
    // The 06:00 Shanghai conversation of 18 Nov belongs to the 18th, not to the 17th (its UTC date).
    const day = await get('from=2026-11-18&to=2026-11-19');
    expect(day.from).toBe('2026-11-17T16:00:00.000Z');
    expect(day.conversations).toBe(1);
    expect(day.series.points).toHaveLength(1);
    expect((await get('from=2026-11-17&to=2026-11-18')).conversations).toBe(0);
  });

  it('keeps long periods to at most 60 points', async () => {
    const { get } = await activity();
    const m = await get('from=2026-01-01&to=2027-01-01');
    expect(m.series.bucket_days).toBe(7);
    expect(m.series.points.length).toBeLessThanOrEqual(60);
    expect(m.series.points.reduce((s: number, p: Point) => s + p.conversations, 0)).toBe(3);
  });
});

describe('bucket plan', () => {
  it('knows zone offsets and cuts a 90-day period into 2-day buckets', () => {
    expect(zoneOffsetMs('Asia/Shanghai', new Date('2026-11-20T00:00:00Z'))).toBe(8 * 3_600_000);
    expect(zoneOffsetMs('America/New_York', new Date('2026-07-01T00:00:00Z'))).toBe(-4 * 3_600_000);
    const plan = planBuckets('UTC', new Date('2026-01-01T00:00:00Z'), new Date('2026-04-01T00:00:00Z'));
    expect(plan).toMatchObject({ bucketDays: 2, count: 45 });
  });
});
