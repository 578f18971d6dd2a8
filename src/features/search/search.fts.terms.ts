/**
 * What the FTS5 backend stores and asks, in the app's own terms (search.text.ts): FTS5's
 * tokenizer only splits them on spaces (`tokenchars '~_'` keeps `~` Han and `_` filter tokens
 * whole).
 *
 * - Stored: Han text as bigrams only (a one-character run as itself): unigrams are in most
 *   documents, would double the index and barely discriminate. English as Porter stems.
 *   Phrasings (title, alternate questions) and body in two columns, separated by `_` so no
 *   phrase matches across two of them; filters as tokens in a third column.
 * - Asked: Chinese runs are cut into words with `Intl.Segmenter`, and each word is asked as the
 *   phrase of its bigrams: it matches exactly where the word occurs as a substring, so a word
 *   the segmenter cut wrongly still matches. A lone character is asked as the bigram it forms
 *   with its neighbour in the query. English words as stems, the last one also as a prefix.
 *   Units are OR-ed: FTS5 finds candidates, ranked by bm25(); search.fts.score.ts re-scores them.
 */
import { encodeHan, latinTerm, rawTokens, tokenizePhrasing } from './search.text.js';
import type { SearchFilter } from './search.engine.js';

const HAN_RUN = /^\p{Script=Han}/u;
/** Separates phrasings in the phrasings column (FTS5 positions: no phrase spans two). */
const SEPARATOR = '_';

const hex = (s: string) => Array.from(new TextEncoder().encode(s), (b) => b.toString(16).padStart(2, '0')).join('');

/** A filter value as one FTS5 token: `_l656e` is locale `en`. */
export const filterToken = (field: 'l' | 'c' | 'k' | 'a', value: string) => `_${field}${hex(value)}`;

export type FtsDocument = { phrasings: string; body: string; filters: string; length: number };

export function ftsDocument(a: {
  locale: string;
  category: string;
  kind: string;
  audience: string;
  title: string;
  questions: string[];
  summary: string;
  tags: string[];
  body: string;
}): FtsDocument {
  const phrasings = [a.title, ...a.questions].map((p) => tokenizePhrasing(p).join(' ')).filter(Boolean);
  const body = tokenizePhrasing([a.summary, ...a.tags, a.body].join('\n'));
  const filters = [filterToken('l', a.locale), filterToken('c', a.category), filterToken('k', a.kind), filterToken('a', a.audience)];
  const length = phrasings.reduce((n, p) => n + p.split(' ').length, 0) + body.length;
  return { phrasings: phrasings.join(` ${SEPARATOR} `), body: body.join(' '), filters: filters.join(' '), length };
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** The units (phrases of terms) a Han run is asked as. */
function hanUnits(run: string): string[][] {
  const cs = Array.from(run);
  if (cs.length === 1) return [[encodeHan(cs[0]!)]];
  const units: string[][] = [];
  let at = 0;
  for (const { segment } of segmenter.segment(run)) {
    const n = Array.from(segment).length;
    if (n >= 2) {
      const grams: string[] = [];
      for (let i = at; i + 1 < at + n; i++) grams.push(encodeHan(cs[i]! + cs[i + 1]!));
      units.push(grams);
    } else {
      // A lone character: the bigram with the next character (or the previous one at the end).
      const i = at + 1 < cs.length ? at : at - 1;
      units.push([encodeHan(cs[i]! + cs[i + 1]!)]);
    }
    at += n;
  }
  return units;
}

export type FtsQuery = {
  /** The MATCH expression, or null when the query has no searchable term. */
  match: string | null;
  /** Distinct terms for the re-scoring (Han bigrams, English stems); `prefix` marks the last English word. */
  terms: string[];
  prefix: string | null;
  /** Each unit's terms (a Han word's bigrams; one stem), for statistics. */
  units: string[][];
};

const quote = (terms: string[]) => `"${terms.join(' ')}"`;

/**
 * Units that only common terms make (df above `common` articles) are left out of the MATCH
 * when `df` knows them: each reads a posting list of a large share of the index and barely
 * moves bm25, and the re-scoring still counts them. The two rarest units always stay.
 */
export type FtsQueryOptions = { df?: (term: string) => number | undefined; common?: number };

/** Rarest first: a unit's document frequency is at most that of its rarest term (unknown: 0). */
function keepRare(units: string[][], options: FtsQueryOptions): string[][] {
  const { df, common } = options;
  if (!df || common === undefined || units.length <= 2) return units;
  const unitDf = (u: string[]) => Math.min(...u.map((t) => df(t) ?? 0));
  const rarest = new Set([...units].sort((a, b) => unitDf(a) - unitDf(b)).slice(0, 2));
  return units.filter((u) => rarest.has(u) || unitDf(u) <= common);
}

export function ftsQuery(query: string, filter: SearchFilter, options: FtsQueryOptions = {}): FtsQuery {
  const units: string[][] = [];
  let prefix: string | null = null;
  const tokens = rawTokens(query);
  tokens.forEach((token, i) => {
    if (HAN_RUN.test(token)) return void units.push(...hanUnits(token));
    const term = latinTerm(token);
    if (!term) return;
    units.push([term]);
    if (i === tokens.length - 1 && term.length >= 3 && /^\p{L}+$/u.test(term)) prefix = term;
  });
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const u of keepRare(units, options)) {
    const key = u.join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    parts.push(quote(u) + (u.length === 1 && u[0] === prefix ? ' OR ' + quote(u) + '*' : ''));
  }
  const terms = [...new Set(units.flat())];
  if (parts.length === 0) return { match: null, terms, prefix, units };
  const filters = [
    filter.locale ? `filters : ${filterToken('l', filter.locale)}` : '',
    filter.category ? `filters : ${filterToken('c', filter.category)}` : '',
    filter.kind ? `filters : ${filterToken('k', filter.kind)}` : '',
    `filters : (${filter.audiences.map((a) => filterToken('a', a)).join(' OR ')})`,
  ].filter(Boolean);
  return { match: `{phrasings body} : (${parts.join(' OR ')}) AND ${filters.join(' AND ')}`, terms, prefix, units };
}
