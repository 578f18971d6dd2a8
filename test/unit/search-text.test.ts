import { describe, expect, it } from 'vitest';
import { buildSnippet } from '../../src/features/search/search.snippet.js';
import { synonymExpansions, compileSynonyms } from '../../src/features/search/search.synonyms.js';
import { decodeHan, displayTerm, encodeHan, tokenize } from '../../src/features/search/search.text.js';
import { redactPersonalData } from '../../src/lib/redact.js';

const readable = (text: string) => tokenize(text).map(displayTerm);

describe('tokenize', () => {
  it('splits Chinese into unigrams and bigrams, encoded for the index', () => {
    const terms = readable('退货运费');
    expect(terms).toEqual(expect.arrayContaining(['退货', '货运', '运费', '退', '费']));
    expect(tokenize('退款').every((t) => /^~[0-9a-f]+$/.test(t))).toBe(true);
    expect(decodeHan(encodeHan('𠀀退'))).toBe('𠀀退');
  });

  it('folds case and full-width letters and stems English', () => {
    expect(readable('ＲＥＦＵＮＤＳ Shipping')).toEqual(['refund', 'ship']);
    expect(readable('Refunded')).toEqual(readable('refunds'));
  });

  it('separates numbers and Latin words from Han text', () => {
    expect(readable('308分')).toEqual(['308', '分']);
    expect(readable('iPhone15订单')).toEqual(['iphone15', '订', '单', '订单']);
  });

  it('returns nothing for punctuation and emoji', () => {
    expect(tokenize('？！…… 🙂🙂 --')).toEqual([]);
  });
});

describe('snippets', () => {
  it('marks matched terms and escapes everything else', () => {
    const terms = new Set(tokenize('refund'));
    expect(buildSnippet('Your <b>refund</b> & more', terms)).toBe('Your &lt;b&gt;<mark>refund</mark>&lt;/b&gt; &amp; more');
  });

  it('marks whole Chinese words matched by bigrams', () => {
    const terms = new Set(tokenize('退款到账'));
    expect(buildSnippet('验货后发起退款，即时到账。', terms)).toBe('验货后发起<mark>退款</mark>，即时<mark>到账</mark>。');
  });
});

describe('synonyms', () => {
  const sets = compileSynonyms([
    { locale: 'zh', terms: ['退钱', '退款'] },
    { locale: null, terms: ['refund', 'money back', 'reimbursement'] },
  ]);

  it('adds the other terms of every matching set', () => {
    expect(synonymExpansions(sets, '怎么退钱', 'zh')).toEqual(['退款']);
    expect(synonymExpansions(sets, 'I want my Money Back', 'en')).toEqual(['refund', 'reimbursement']);
  });

  it('matches Latin terms as whole words and respects the locale', () => {
    expect(synonymExpansions(sets, 'refunding', 'en')).toEqual([]);
    expect(synonymExpansions(sets, '怎么退钱', 'en')).toEqual([]);
  });
});

describe('redactPersonalData', () => {
  it('removes emails and phone numbers but keeps order numbers and short numbers', () => {
    expect(redactPersonalData('mail li.wei@example.com or call +86 138-0013-8000')).toBe('mail [email] or call [number]');
    expect(redactPersonalData('我的手机13800138000')).toBe('我的手机[number]');
    expect(redactPersonalData('order BC202611180001 costs 299 yuan')).toBe('order BC202611180001 costs 299 yuan');
  });
});
