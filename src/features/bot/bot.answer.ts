/**
 * Extractive answers: the passages of an article that answer the question, tidied for chat.
 * The article's summary leads (editors write it to answer on its own); then the one or two
 * sentences, list items or table rows that share the most query terms, in article order.
 */
import { Lexer, type Token, type Tokens } from 'marked';
import { markdownToText } from '../../lib/markdown.js';
import { tokenize } from '../search/search.text.js';

/** Readable units of a markdown body: paragraphs split into sentences, list items, table rows. */
export function passages(markdown: string): string[] {
  const out: string[] = [];
  const visit = (tokens: Token[]) => {
    for (const t of tokens) {
      if (t.type === 'paragraph' || t.type === 'text') out.push(...splitSentences(markdownToText(t.raw)));
      else if (t.type === 'list') for (const item of (t as Tokens.List).items) out.push(markdownToText(item.text));
      else if (t.type === 'table') {
        const table = t as Tokens.Table;
        const head = table.header.map((h) => markdownToText(h.text));
        for (const row of table.rows) {
          const cells = row.map((c) => markdownToText(c.text));
          out.push(cells.length === 2 ? `${cells[0]}: ${cells[1]}` : cells.map((c, i) => (head[i] ? `${head[i]}: ${c}` : c)).join('; '));
        }
      } else if (t.type === 'blockquote') visit((t as Tokens.Blockquote).tokens);
    }
  };
  visit(new Lexer().lex(markdown));
  return out.map((s) => s.trim()).filter((s) => s.length > 1);
}

function splitSentences(text: string): string[] {
  return text.split(/(?<=[。！？!?；;])|(?<=\.)\s+(?=[A-Z0-9])/u).map((s) => s.trim()).filter(Boolean);
}

/** A sentence that only introduces what follows ("流程如下：", "It depends on the method —") says nothing alone. */
const isLeadIn = (text: string) => /[:：—–-]\s*$/u.test(text);

function overlap(queryTerms: Set<string>, text: string): number {
  const terms = new Set(tokenize(text));
  let shared = 0;
  for (const t of terms) if (queryTerms.has(t)) shared++;
  return terms.size === 0 ? 0 : shared / Math.sqrt(terms.size);
}

export type ExtractOptions = { maxPassages?: number; maxChars?: number };

/** The answer text for `query` from one article. Never empty: falls back to the summary or title. */
export function extractAnswer(
  article: { title: string; summary: string; body: string },
  query: string,
  options: ExtractOptions = {},
): string {
  const maxPassages = options.maxPassages ?? 2;
  const units = passages(article.body);
  const han = (article.body.match(/\p{Script=Han}/gu)?.length ?? 0) > article.body.length / 4;
  const maxChars = options.maxChars ?? (han ? 220 : 480);
  const q = new Set(tokenize(query));
  const summary = article.summary.trim();
  const summaryTerms = new Set(tokenize(summary));

  const scored = units
    .map((text, i) => ({ text, i, score: overlap(q, text) }))
    // A passage the summary already says adds nothing.
    .filter((u) => u.score > 0 && !isLeadIn(u.text) && overlap(summaryTerms, u.text) < 0.9 * Math.sqrt(new Set(tokenize(u.text)).size))
    .sort((a, b) => b.score - a.score)
    .slice(0, maxPassages)
    .sort((a, b) => a.i - b.i);

  const parts = summary ? [summary] : [];
  let length = summary.length;
  for (const u of scored) {
    if (length + u.text.length > maxChars && parts.length > 0) break;
    parts.push(u.text);
    length += u.text.length;
  }
  if (parts.length === 0) parts.push(units[0] ?? article.title);
  return parts.join('\n');
}
