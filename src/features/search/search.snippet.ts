/**
 * Highlighted snippets: the window of an article's text that holds the most matched terms,
 * HTML-escaped, with matches wrapped in <mark>. Safe to insert into a page as is.
 */
import { encodeHan, latinTerm, normalizeText } from './search.text.js';

const WORD = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+(?:['’](?:(?!\p{Script=Han})\p{L})+)*/gu;
const HAN_RUN = /^\p{Script=Han}/u;
const SENTENCE_ENDS = ['. ', '? ', '! ', '。', '？', '！', '；'];

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

type Span = { start: number; end: number };

/** Character spans of `text` that match one of `terms` (engine terms, as the index stores them). */
export function matchSpans(text: string, terms: ReadonlySet<string>): Span[] {
  const spans: Span[] = [];
  const hanUnigramsOnly = ![...terms].some((t) => t.length > 5 && t.startsWith('~'));
  for (const m of text.matchAll(WORD)) {
    const token = m[0];
    const start = m.index;
    if (HAN_RUN.test(token)) {
      const norm = normalizeText(token);
      for (let i = 0; i < norm.length; i++) {
        if (i + 1 < norm.length && terms.has(encodeHan(norm.slice(i, i + 2)))) spans.push({ start: start + i, end: start + i + 2 });
        else if (hanUnigramsOnly && terms.has(encodeHan(norm[i]!))) spans.push({ start: start + i, end: start + i + 1 });
      }
    } else {
      const term = latinTerm(normalizeText(token));
      if (term && terms.has(term)) spans.push({ start, end: start + token.length });
    }
  }
  // Merge overlapping bigram spans (退款 + 款到 → 退款到).
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged;
}

/**
 * The best window (`maxChars`, by default sized for the script) of `text` for the matched `terms`, as safe HTML with <mark>s.
 * Without any match it is the start of the text.
 */
export function buildSnippet(text: string, terms: ReadonlySet<string>, maxChars?: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  // A Han character carries about as much as an English word: keep Chinese snippets shorter.
  maxChars ??= (clean.match(/\p{Script=Han}/gu)?.length ?? 0) > clean.length / 3 ? 90 : 180;
  const spans = matchSpans(clean, terms);
  let from = 0;
  if (spans.length > 0) {
    // Slide over the spans: the window starting at span i that covers the most spans wins.
    let best = 0;
    let bestCount = 0;
    for (let i = 0, j = 0; i < spans.length; i++) {
      while (j < spans.length && spans[j]!.end - spans[i]!.start <= maxChars) j++;
      if (j - i > bestCount) {
        bestCount = j - i;
        best = i;
      }
    }
    const anchor = spans[best]!.start;
    // Start at the sentence holding the first match when it is close, else a little before it.
    const sentenceStart = Math.max(0, ...SENTENCE_ENDS.map((end) => {
      const i = clean.lastIndexOf(end, anchor - 1);
      return i < 0 ? 0 : i + end.length;
    }));
    from = anchor - sentenceStart <= 60 ? sentenceStart : Math.max(0, anchor - 30);
  }
  const to = Math.min(clean.length, from + maxChars);
  let html = '';
  let cursor = from;
  for (const s of spans) {
    if (s.end <= from || s.start >= to) continue;
    const a = Math.max(s.start, from);
    const b = Math.min(s.end, to);
    html += escapeHtml(clean.slice(cursor, a)) + '<mark>' + escapeHtml(clean.slice(a, b)) + '</mark>';
    cursor = b;
  }
  html += escapeHtml(clean.slice(cursor, to));
  return (from > 0 ? '… ' : '') + html.trim() + (to < clean.length ? ' …' : '');
}
