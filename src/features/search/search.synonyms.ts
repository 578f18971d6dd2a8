/**
 * Query-time synonym expansion. A synonym set is a list of equivalent terms (退钱, 退款); when a
 * query contains one of them, the others are searched too. Matching is on normalised text: a
 * Han term matches as a substring, a Latin term as a whole word (so "refund" does not fire
 * inside "refunded" unless listed).
 */
import type { SynonymSetRow } from '../../db/schema/index.js';
import { normalizeText } from './search.text.js';

type CompiledSet = { locale: string | null; terms: string[]; patterns: RegExp[] };
export type CompiledSynonyms = CompiledSet[];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const HAN = /\p{Script=Han}/u;

function termPattern(term: string): RegExp {
  const t = escape(normalizeText(term));
  return HAN.test(term) ? new RegExp(t, 'u') : new RegExp(`(?<![\\p{L}\\p{N}])${t}(?![\\p{L}\\p{N}])`, 'u');
}

export function compileSynonyms(rows: Pick<SynonymSetRow, 'locale' | 'terms'>[]): CompiledSynonyms {
  return rows.map((r) => ({ locale: r.locale, terms: r.terms, patterns: r.terms.map(termPattern) }));
}

/**
 * The terms to add to `query` (those of every matching set that the query does not already
 * contain), for the query's locale. Empty when no set matches.
 */
export function synonymExpansions(sets: CompiledSynonyms, query: string, locale?: string): string[] {
  const text = normalizeText(query);
  const added = new Set<string>();
  for (const set of sets) {
    if (set.locale && locale && set.locale !== locale) continue;
    const hits = set.patterns.map((p) => p.test(text));
    if (!hits.some(Boolean)) continue;
    set.terms.forEach((term, i) => {
      if (!hits[i]) added.add(term);
    });
  }
  return [...added];
}
