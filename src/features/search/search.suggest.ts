import type { Locale } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { articleUrl, type Viewer } from '../articles/articles.service.js';
import { popularCompletions } from './search.log.js';
import { loadHitRows, rankArticles } from './search.service.js';

/**
 * As-you-type suggestions: the best-matching articles (the last word matched as a prefix), and
 * query completions drawn from the closest curated phrasings (titles and alternate questions)
 * and from popular past searches. Nothing is logged.
 */
export async function suggest(deps: Deps, input: { q: string; locale?: Locale | undefined; limit: number }, viewer: Viewer) {
  const started = performance.now();
  const [{ ranked }, popular] = await Promise.all([
    rankArticles(deps, { q: input.q, locale: input.locale, limit: input.limit }, viewer, { semantic: false }),
    viewer.staff ? Promise.resolve([]) : popularCompletions(deps.db, input.q, input.locale, input.limit),
  ]);
  const rows = await loadHitRows(deps, ranked.slice(0, input.limit).map((r) => r.id));
  const top = ranked.slice(0, input.limit).filter((r) => rows.get(r.id)?.status === 'published');
  const articles = top.map((r) => {
    const row = rows.get(r.id)!;
    return { id: r.id, title: row.title, url: articleUrl(row), locale: row.locale };
  });
  const phrasings = top
    .map((r) => (r.bestPhrasing > 0 ? rows.get(r.id)!.questions[r.bestPhrasing - 1] : undefined))
    .filter((q): q is string => q !== undefined);
  const queries = [...new Set([...popular, ...phrasings])].slice(0, input.limit);
  return { articles, queries, took_ms: Math.round((performance.now() - started) * 100) / 100 };
}
