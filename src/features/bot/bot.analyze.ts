/**
 * Reads one customer message for what it asks beyond its words: a person, a complaint (with
 * severity, category and temperament). Pure and synchronous; the thresholds and lexicon are
 * configuration.
 */
import { normalizeText } from '../search/search.text.js';
import { COMPLAINT_CATEGORIES, DEFAULT_LEXICON, type ComplaintCategory, type Lexicon } from './bot.lexicon.js';

export type Severity = 'major' | 'medium' | 'general';
export type Temperament = 'agitated' | 'demanding' | 'confused';

export type MessageSignals = {
  humanRequested: boolean;
  complaint: { severity: Severity; category: ComplaintCategory | null; reasons: string[] } | null;
  temperament: Temperament | null;
};

const LATIN = /^[\p{Script=Latin}\p{N}\s'’.-]+$/u;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type Matcher = (text: string) => string[];

/** Compiles a word list: Latin phrases match whole words, others (Han, symbols) as substrings. */
function matcher(words: readonly string[]): Matcher {
  const latin = words.filter((w) => LATIN.test(w));
  const other = words.filter((w) => !LATIN.test(w)).map((w) => normalizeText(w));
  const pattern = latin.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${latin.map((w) => escape(normalizeText(w))).join('|')})(?![\\p{L}\\p{N}])`, 'gu') : null;
  return (text) => [...(pattern ? (text.match(pattern) ?? []) : []), ...other.filter((w) => text.includes(w))];
}

export type Analyzer = (text: string) => MessageSignals;

/** Builds an analyzer for a lexicon (compiled once). */
export function createAnalyzer(lexicon: Lexicon = DEFAULT_LEXICON): Analyzer {
  const m = {
    human: matcher(lexicon.humanRequest),
    declined: matcher(lexicon.humanDeclined),
    complaint: matcher(lexicon.complaint),
    inquiry: matcher(lexicon.complaintInquiry),
    safety: matcher(lexicon.major.safety),
    legal: matcher(lexicon.major.legal),
    media: matcher(lexicon.major.media),
    anger: matcher(lexicon.anger),
    demanding: matcher(lexicon.demanding),
    confused: matcher(lexicon.confused),
    categories: COMPLAINT_CATEGORIES.map((c) => [c, matcher(lexicon.categories[c])] as const),
  };

  return (raw) => {
    const text = normalizeText(raw).replace(/\s+/g, ' ');
    const humanRequested = m.human(text).length > 0 && m.declined(text).length === 0;
    const anger = m.anger(text);
    const shouting = /[A-Z]{5,}/.test(raw) && raw.replace(/[^A-Za-z]/g, '').length > 8 && raw === raw.toUpperCase();
    const temperament: Temperament | null =
      anger.length > 0 || shouting ? 'agitated' : m.demanding(text).length ? 'demanding' : m.confused(text).length ? 'confused' : null;

    // A safety incident or a legal threat is a major complaint by itself; a media mention only
    // with complaint words or anger ("你们的微博账号是什么" is a question). A question about the
    // complaint process ("投诉流程是什么") is a question, unless anger or an escalator comes with it.
    const hazard = [...m.safety(text).map((w) => `safety:${w}`), ...m.legal(text).map((w) => `legal:${w}`)];
    const media = m.media(text).map((w) => `media:${w}`);
    const complaintWords = m.complaint(text);
    const inquiry = m.inquiry(text).length > 0 && anger.length === 0 && hazard.length === 0;
    const isComplaint = !inquiry && (complaintWords.length > 0 || hazard.length > 0 || (media.length > 0 && anger.length > 0));
    const major = [...hazard, ...(complaintWords.length > 0 || anger.length > 0 ? media : [])];

    let complaint: MessageSignals['complaint'] = null;
    if (isComplaint) {
      const severity: Severity = major.length > 0 ? 'major' : anger.length > 0 || shouting ? 'medium' : 'general';
      const scored = m.categories.map(([c, match]) => [c, match(text).length] as const).filter(([, n]) => n > 0);
      scored.sort((a, b) => b[1] - a[1]);
      complaint = { severity, category: scored[0]?.[0] ?? null, reasons: [...complaintWords, ...major] };
    }
    return { humanRequested, complaint, temperament };
  };
}

export const analyzeMessage: Analyzer = createAnalyzer();
