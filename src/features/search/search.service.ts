import { inArray } from 'drizzle-orm';
import type { Context } from 'hono';
import { articles, type ArticleKind, type Audience, type Locale } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { markdownToText } from '../../lib/markdown.js';
import { articleUrl, canSeeInternal, type Viewer } from '../articles/articles.service.js';
import type { RankedArticle } from './search.engine.js';
import { logSearch } from './search.log.js';
import { buildSnippet } from './search.snippet.js';
import { synonymExpansions } from './search.synonyms.js';
import { displayTerm } from './search.text.js';

export type SearchInput = {
  q: string;
  locale?: Locale | undefined;
  category?: string | undefined;
  kind?: ArticleKind | undefined;
  limit: number;
  explain?: boolean | undefined;
};

export type SearchHit = {
  id: string;
  slug: string;
  title: string;
  locale: Locale;
  url: string;
  score: number;
  snippet: string;
  category: string;
  kind: ArticleKind;
  audience: Audience;
  explain?: {
    matched_terms: Record<string, string[]>;
    field_boosts: Record<string, number>;
    phrasing_match: number;
    article_match: number;
    best_phrasing: string | null;
  };
};

export type SearchResponse = {
  query_id: string | null;
  query: string;
  expanded_with: string[];
  total: number;
  took_ms: number;
  results: SearchHit[];
};

/** Raw ranking for in-process callers (the bot, the evaluation harness): no snippets, no log. */
export async function rankArticles(deps: Deps, input: Omit<SearchInput, 'explain'>, viewer: Viewer) {
  const index = deps.search;
  await index.refresh(deps.db, deps.clock.now().getTime());
  const expansions = synonymExpansions(index.synonyms, input.q, input.locale);
  const query = expansions.length > 0 ? `${input.q} ${expansions.join(' ')}` : input.q;
  const ranked = index.engine.search(
    query,
    {
      locale: input.locale,
      category: input.category,
      kind: input.kind,
      audiences: canSeeInternal(viewer) ? ['public', 'internal'] : ['public'],
    },
    Math.max(input.limit, 1000),
  );
  return { ranked, expansions };
}

/**
 * Searches the knowledge base for a customer (public articles) or a staff member (public and
 * internal), with highlighted snippets, and logs the search for analytics in the background.
 */
export async function searchArticles(
  deps: Deps,
  input: SearchInput,
  viewer: Viewer,
  options: { c?: Context; log?: boolean } = {},
): Promise<SearchResponse> {
  const started = performance.now();
  const { ranked, expansions } = await rankArticles(deps, input, viewer);
  const top = ranked.slice(0, input.limit);
  const bodies = await loadBodies(deps, top.map((r) => r.id));
  const results = top.map((r) => toHit(deps, r, bodies.get(r.id) ?? '', input.explain === true));
  const tookMs = Math.round((performance.now() - started) * 100) / 100;
  let queryId: string | null = null;
  if (options.log !== false) {
    queryId = deps.newId();
    const id = queryId;
    deps.background.run(options.c, () =>
      logSearch(deps, {
        id,
        query: input.q,
        locale: input.locale ?? null,
        audience: viewer.staff ? 'staff' : 'public',
        source: 'search',
        resultCount: ranked.length,
        topIds: top.slice(0, 5).map((r) => r.id),
        topScore: top[0]?.score ?? null,
        tookMs,
      }),
    );
  }
  return { query_id: queryId, query: input.q, expanded_with: expansions, total: ranked.length, took_ms: tookMs, results };
}

async function loadBodies(deps: Deps, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await deps.db.select({ id: articles.id, body: articles.body }).from(articles).where(inArray(articles.id, ids));
  return new Map(rows.map((r) => [r.id, markdownToText(r.body)]));
}

const round = (n: number) => Math.round(n * 10_000) / 10_000;

function toHit(deps: Deps, r: RankedArticle, body: string, explain: boolean): SearchHit {
  const meta = deps.search.meta.get(r.id)!;
  const terms = new Set(Object.keys(r.match));
  const hit: SearchHit = {
    id: r.id,
    slug: meta.slug,
    title: meta.title,
    locale: meta.locale,
    url: articleUrl(meta),
    score: round(r.score),
    snippet: buildSnippet(body || meta.summary, terms),
    category: meta.category,
    kind: meta.kind,
    audience: meta.audience,
  };
  if (explain) {
    const phrasings = [meta.title, ...meta.questions];
    hit.explain = {
      matched_terms: Object.fromEntries(Object.entries(r.match).map(([term, fields]) => [displayTerm(term), fields])),
      field_boosts: deps.search.engine.ranking.boost,
      phrasing_match: round(r.phrasingMatch),
      article_match: round(r.articleMatch),
      best_phrasing: r.bestPhrasing >= 0 ? (phrasings[r.bestPhrasing] ?? null) : null,
    };
  }
  return hit;
}
