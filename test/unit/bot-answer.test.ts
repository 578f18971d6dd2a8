import { describe, expect, it } from 'vitest';
import { extractAnswer, passages } from '../../src/features/bot/bot.answer.js';

const refund = {
  title: '退款多久能到账？',
  summary: '退货到仓后 2 个工作日内验货，验货后 24 小时内发起退款。',
  body: [
    '退款一律原路退回，流程如下：',
    '',
    '1. **验货**：到仓后 2 个工作日内完成；',
    '2. **到账**：时间取决于支付方式——',
    '',
    '| 支付方式 | 到账时间 |',
    '|---|---|',
    '| 银联银行卡 | 1–5 个工作日 |',
    '| 境外信用卡 | 最长 10 个工作日 |',
  ].join('\n'),
};

describe('extractive answers', () => {
  it('splits a body into sentences, list items and table rows', () => {
    expect(passages(refund.body)).toEqual([
      '退款一律原路退回，流程如下：',
      '验货：到仓后 2 个工作日内完成；',
      '到账：时间取决于支付方式——',
      '银联银行卡: 1–5 个工作日',
      '境外信用卡: 最长 10 个工作日',
    ]);
  });

  it('leads with the summary and adds the passages that share the query terms', () => {
    const answer = extractAnswer(refund, '银行卡退款几个工作日到账');
    expect(answer.split('\n')[0]).toBe(refund.summary);
    expect(answer).toContain('银联银行卡: 1–5 个工作日');
  });

  it('never ends on a sentence that only introduces what follows', () => {
    const answer = extractAnswer(refund, '退款到账 支付方式 流程');
    expect(answer).not.toMatch(/如下：|——/);
  });

  it('falls back to the summary when nothing matches', () => {
    expect(extractAnswer(refund, 'zzz')).toBe(refund.summary);
  });
});
