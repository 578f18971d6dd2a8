/**
 * Text → search terms, the same for indexing and querying, in Chinese and English.
 *
 * - Everything is NFKC-normalised (full-width letters and digits become ASCII) and lower-cased.
 * - Han text becomes character unigrams and bigrams. Word segmenters split customer phrasing
 *   wrongly (退货运费 → 退/货运/费), while bigrams match every real word and keep precision when
 *   scored together (docs/search.md has the measurements).
 * - Latin words are stemmed (Porter) and English stop words dropped.
 * - Han terms are stored hex-encoded behind a marker: minisearch's radix tree scans a node's
 *   children linearly, and thousands of distinct first characters under the root made queries
 *   ~50x slower. Encoded terms never take part in fuzzy or prefix matching.
 */
import { stemmer } from 'stemmer';

export const HAN_MARKER = '~';
const HAN_RUN = /\p{Script=Han}+/u;
const TOKEN = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+(?:['’](?:(?!\p{Script=Han})\p{L})+)*/gu;

// Common English function words. Question words (how, when, where, why, who) are kept: they
// separate intents ("how do I return" vs "when will my refund arrive").
const EN_STOP_WORDS = new Set(
  (
    'a an and are as at be been being but by can could did do does doing for from had has have having ' +
    'he her hers him his i if in into is it its itself me my myself of on or our ours she should so ' +
    'than that the their theirs them then there these they this those to too us was we were what ' +
    'which will with would you your yours yourself im ive id dont pls please hi hello hey'
  ).split(' '),
);

export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

export const isHanTerm = (term: string) => term.startsWith(HAN_MARKER);

export function encodeHan(text: string): string {
  let out = HAN_MARKER;
  for (let i = 0; i < text.length; i++) out += text.charCodeAt(i).toString(16).padStart(4, '0');
  return out;
}

export function decodeHan(term: string): string {
  let out = '';
  for (let i = HAN_MARKER.length; i + 4 <= term.length; i += 4) out += String.fromCharCode(parseInt(term.slice(i, i + 4), 16));
  return out;
}

/** A term as people read it: Han terms decoded, Latin stems as they are. */
export const displayTerm = (term: string) => (isHanTerm(term) ? decodeHan(term) : term);

/** Splits normalised text into raw tokens: Han runs and Latin/number words. */
export function rawTokens(text: string): string[] {
  return normalizeText(text).match(TOKEN) ?? [];
}

/** Characters of a Han run as an array (surrogate pairs kept whole). */
const chars = (run: string) => Array.from(run);

/** Unigrams and bigrams of one Han run. */
export function hanGrams(run: string): string[] {
  const cs = chars(run);
  const grams: string[] = [...cs];
  for (let i = 0; i + 1 < cs.length; i++) grams.push(cs[i]! + cs[i + 1]!);
  return grams;
}

/** One Latin word → its search term, or null for a stop word. */
export function latinTerm(word: string): string | null {
  const w = word.replace(/['’]s$/, '').replace(/['’]/g, '');
  if (EN_STOP_WORDS.has(w)) return null;
  return /^\p{L}+$/u.test(w) && /^[a-z]+$/.test(w) ? stemmer(w) : w;
}

/** Marks character n-gram terms (a separate namespace: never stemmed, fuzzy or prefix matched). */
export const GRAM_MARKER = '#';
export const isGramTerm = (term: string) => term.startsWith(GRAM_MARKER);
const GRAM_SIZE = 3;

/**
 * Character trigrams of each Latin word, with word boundaries ("<refund>" → <re, ref, … nd>),
 * stop words included. They match across inflections and typos ("reservation" ~ "reserve",
 * "cancle" ~ "cancel") and keep a trace of function words that the word terms drop ("what is
 * your name"). Han text is left out: its unigrams and bigrams already are character n-grams.
 */
export function charGrams(text: string): string[] {
  const grams: string[] = [];
  for (const token of rawTokens(text)) {
    if (HAN_RUN.test(token)) continue;
    const w = `<${token.replace(/['’]/g, '')}>`;
    for (let i = 0; i + GRAM_SIZE <= w.length; i++) grams.push(GRAM_MARKER + w.slice(i, i + GRAM_SIZE));
  }
  return grams;
}

/**
 * The search terms of a text, in order. Used by minisearch as its tokenizer (with an identity
 * term processor), so index and query see exactly the same terms.
 */
export function tokenize(text: string): string[] {
  const terms: string[] = [];
  for (const token of rawTokens(text)) {
    if (HAN_RUN.test(token)) {
      for (const gram of hanGrams(token)) terms.push(encodeHan(gram));
    } else {
      const term = latinTerm(token);
      if (term) terms.push(term);
    }
  }
  return terms;
}

/**
 * The terms of a short phrasing (an article title or alternate question) for the phrasing
 * index: as `tokenize`, but a Han run gives only its bigrams (a one-character run its
 * unigram). Single characters occur in a large share of phrasings: they cost the most postings
 * and query time there and discriminate least, while the article index keeps them.
 */
export function tokenizePhrasing(text: string): string[] {
  const terms: string[] = [];
  for (const token of rawTokens(text)) {
    if (HAN_RUN.test(token)) {
      const cs = chars(token);
      if (cs.length === 1) terms.push(encodeHan(cs[0]!));
      else for (let i = 0; i + 1 < cs.length; i++) terms.push(encodeHan(cs[i]! + cs[i + 1]!));
    } else {
      const term = latinTerm(token);
      if (term) terms.push(term);
    }
  }
  return terms;
}
