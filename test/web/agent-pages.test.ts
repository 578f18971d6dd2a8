/**
 * The agent console's server side: the page skeletons in both languages, and a guard that every
 * string the agent scripts ask for exists in English and Chinese with the same placeholders.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BOT_DECISIONS, HANDOFF_STATUSES, MESSAGE_ROLES, SEVERITIES } from '../../src/db/schema/index.js';
import { COMPLAINT_CATEGORIES } from '../../src/features/bot/bot.lexicon.js';
import { HANDOFF_REASONS } from '../../src/features/bot/bot.policy.js';
import { AGENT_TEXTS } from '../../src/features/web/agent/agent.i18n.js';
import { STAFF_TEXTS } from '../../src/features/web/staff/staff.i18n.js';
import { createTestApp } from '../helpers.js';

const ASSETS = 'src/features/web/public/assets';
const scripts = readdirSync(ASSETS)
  .filter((f) => /^agent.*\.js$/.test(f))
  .map((f) => readFileSync(`${ASSETS}/${f}`, 'utf8'))
  .join('\n');
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('agent console strings', () => {
  it('has every key the scripts use, in both languages', () => {
    const used = new Set([...scripts.matchAll(/\b(?:t|fmt)\('(\w+)'/g)].map((m) => m[1]!));
    expect(used.size).toBeGreaterThan(50);
    for (const locale of ['en', 'zh'] as const) {
      const known = { ...STAFF_TEXTS[locale], ...AGENT_TEXTS[locale] } as Record<string, string>;
      expect([...used].filter((k) => !known[k])).toEqual([]);
    }
  });

  it('labels every value the API sends', () => {
    const values = {
      severity: SEVERITIES,
      status: HANDOFF_STATUSES,
      reason: HANDOFF_REASONS,
      category: COMPLAINT_CATEGORIES,
      temperament: ['agitated', 'demanding', 'confused'],
      role: MESSAGE_ROLES,
      decision: BOT_DECISIONS,
      queue: ['general', 'supervisor'],
      outcome: ['satisfied', 'not_satisfied', 'unreachable'],
      callback: ['open', 'done', 'unreachable'],
    };
    const keys = Object.entries(values).flatMap(([prefix, list]) => list.map((v) => `${prefix}_${v}`));
    for (const locale of ['en', 'zh'] as const) expect(keys.filter((k) => !(k in AGENT_TEXTS[locale]))).toEqual([]);
  });

  it('says the same thing in both languages: same placeholders, nothing left untranslated', () => {
    for (const [key, en] of Object.entries(AGENT_TEXTS.en)) {
      const zh = AGENT_TEXTS.zh[key as keyof typeof AGENT_TEXTS.zh];
      expect(placeholders(zh), key).toEqual(placeholders(en));
      if (/[a-z]{4}/.test(en) && !/^(Edge|English)/.test(en)) expect(zh, key).not.toBe(en);
    }
  });
});

describe('agent console pages', () => {
  it('serves the queue, a case and the follow-ups in both languages, for signed-in use', async () => {
    const t = await createTestApp();
    const zh = await (await t.request('/zh/agent?severity=major&owner=mine')).text();
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('<option value="major" selected="">重大</option>');
    expect(zh).toContain('<option value="mine" selected="">我的</option>');
    expect(zh).toContain('src="/assets/agent.js"');
    expect(zh).toContain('href="/assets/agent.css"');
    const en = await (await t.request('/en/agent/handoffs/0192-abc')).text();
    expect(en).toContain('data-id="0192-abc"');
    expect(en).toContain('Internal note (only agents see it)');
    expect(en).toContain('href="/zh/agent/handoffs/0192-abc"');
    const followUps = await (await t.request('/zh/agent/follow-ups')).text();
    expect(followUps).toContain('回拨请求');
    expect(followUps).toMatch(/<a href="\/zh\/agent\/follow-ups" data-min-role="agent" aria-current="page">/);
  });

  it('ignores unknown filter values and answers 404 for other languages', async () => {
    const t = await createTestApp();
    const page = await (await t.request('/en/agent?status=bogus&severity=<script>')).text();
    expect(page).toContain('<option value="open" selected="">');
    expect(page).not.toContain('<script>');
    expect((await t.request('/fr/agent')).status).toBe(404);
  });
});
