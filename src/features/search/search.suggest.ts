import type { Locale } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { articleUrl, type Viewer } from '../articles/articles.service.js';
import { popularCompletions } from './search.log.js';
import { rankArticles } from './search.service.js';

/**
 * As-you-type suggestions: the best-matching articles (the last word matched as a prefix), and
 * query completions drawn from the closest curated phrasings (titles and alternate questions)
 * and from popular past searches. Nothing is logged.
 */
export async function suggest(deps: Deps, input: { q: string; locale?: Locale | undefined; limit: number }, viewer: Viewer) {
  const started = performance.now();
  const [{ ranked }, popular] = await Promise.all([
    rankArticles(deps, { q: input.q, locale: input.locale, limit: input.limit }, viewer),
    viewer.staff ? Promise.resolve([]) : popularCompletions(deps.db, input.q, input.locale, input.limit),
  ]);
  const top = ranked.slice(0, input.limit);
  const articles = top.map((r) => {
    const meta = deps.search.meta.get(r.id)!;
    return { id: r.id, title: meta.title, url: articleUrl(meta), locale: meta.locale };
  });
  const phrasings = top
    .map((r) => {
      const meta = deps.search.meta.get(r.id)!;
      return r.bestPhrasing > 0 ? meta.questions[r.bestPhrasing - 1] : undefined;
    })
    .filter((q): q is string => q !== undefined);
  const queries = [...new Set([...popular, ...phrasings])].slice(0, input.limit);
  return { articles, queries, took_ms: Math.round((performance.now() - started) * 100) / 100 };
}
