import { inArray } from 'drizzle-orm';
import type { Context } from 'hono';
import { articles, type ArticleKind, type ArticleRow, type Audience, type Locale } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { markdownToText } from '../../lib/markdown.js';
import { articleUrl, canSeeInternal, type Viewer } from '../articles/articles.service.js';
import type { RankedArticle } from './search.engine.js';
import { logSearch } from './search.log.js';
import { scheduleSnapshot } from './search.reindex.js';
import { blendSemantic } from './search.semantic.js';
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
    /** Semantic similarity share (0–1), when semantic re-ranking is on. */
    semantic_match?: number;
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

/**
 * Raw ranking for in-process callers (the bot, the evaluation harness): no snippets, no log.
 * With an embedding model configured, the lexical ranking is blended with semantic similarity
 * (search.semantic.ts) unless `semantic: false` (as-you-type suggestions stay lexical and fast).
 */
export async function rankArticles(deps: Deps, input: Omit<SearchInput, 'explain'>, viewer: Viewer, options: { c?: Context; semantic?: boolean } = {}) {
  const index = deps.search;
  await index.refresh(deps.db, deps.clock.now().getTime(), { backend: deps.config.searchBackend });
  if (index.snapshotWanted) scheduleSnapshot(deps, options.c);
  const expansions = synonymExpansions(index.synonyms, input.q, input.locale);
  const query = expansions.length > 0 ? `${input.q} ${expansions.join(' ')}` : input.q;
  const filter = {
    locale: input.locale,
    category: input.category,
    kind: input.kind,
    audiences: canSeeInternal(viewer) ? ['public', 'internal'] : ['public'],
  };
  const semantic = options.semantic === false ? undefined : deps.semantic;
  if (!semantic) {
    const { ranked, total } = await index.search(deps.db, query, filter, input.limit);
    return { ranked, total, expansions };
  }
  const now = deps.clock.now().getTime();
  // Changed vectors load in the background; this search uses those in memory (or none).
  semantic.refreshSoon(deps.db, index.version, now, deps.logger, (task) => deps.background.run(options.c, task));
  const [{ ranked, total }, scores] = await Promise.all([
    index.search(deps.db, query, filter, Math.max(input.limit, semantic.pool)),
    semantic.scores(input.q, filter, deps.logger, now).catch((error: unknown) => {
      // Never worse than lexical search.
      deps.logger.warn('semantic search skipped', { error: String(error) });
      return null;
    }),
  ]);
  if (!scores) return { ranked: ranked.slice(0, input.limit), total, expansions };
  const blended = blendSemantic(ranked, scores, semantic.weight, semantic.pool);
  return { ranked: blended.slice(0, input.limit), total: Math.max(total, blended.length), expansions };
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
  const { ranked, total, expansions } = await rankArticles(deps, input, viewer, options);
  // The rows as they are now: an article archived or made internal since the index last
  // looked (at most `checkIntervalMs` ago) is not shown.
  const rows = await loadHitRows(deps, ranked.slice(0, input.limit).map((r) => r.id));
  const visible = new Set<string>(canSeeInternal(viewer) ? ['public', 'internal'] : ['public']);
  const top = ranked.slice(0, input.limit).filter((r) => rows.get(r.id)?.status === 'published' && visible.has(rows.get(r.id)!.audience));
  const results = top.map((r) => toHit(deps, r, rows.get(r.id)!, input.explain === true));
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
        resultCount: total,
        topIds: top.slice(0, 5).map((r) => r.id),
        topScore: top[0]?.score ?? null,
        tookMs,
      }),
    );
  }
  return { query_id: queryId, query: input.q, expanded_with: expansions, total, took_ms: tookMs, results };
}

export type HitRow = Pick<ArticleRow, 'id' | 'slug' | 'locale' | 'title' | 'summary' | 'body' | 'questions' | 'category' | 'kind' | 'audience' | 'status'>;

/** The articles behind ranked ids, as stored now (one query; D1 binds at most 100 parameters). */
export async function loadHitRows(deps: Pick<Deps, 'db'>, ids: string[]): Promise<Map<string, HitRow>> {
  const out = new Map<string, HitRow>();
  for (let i = 0; i < ids.length; i += 90) {
    const rows = await deps.db
      .select({
        id: articles.id,
        slug: articles.slug,
        locale: articles.locale,
        title: articles.title,
        summary: articles.summary,
        body: articles.body,
        questions: articles.questions,
        category: articles.category,
        kind: articles.kind,
        audience: articles.audience,
        status: articles.status,
      })
      .from(articles)
      .where(inArray(articles.id, ids.slice(i, i + 90)));
    for (const row of rows) out.set(row.id, row);
  }
  return out;
}

const round = (n: number) => Math.round(n * 10_000) / 10_000;

function toHit(deps: Deps, r: RankedArticle, row: HitRow, explain: boolean): SearchHit {
  const terms = new Set(Object.keys(r.match));
  const hit: SearchHit = {
    id: r.id,
    slug: row.slug,
    title: row.title,
    locale: row.locale,
    url: articleUrl(row),
    score: round(r.score),
    snippet: buildSnippet(markdownToText(row.body) || row.summary, terms),
    category: row.category,
    kind: row.kind,
    audience: row.audience,
  };
  if (explain) {
    const phrasings = [row.title, ...row.questions];
    hit.explain = {
      matched_terms: Object.fromEntries(Object.entries(r.match).map(([term, fields]) => [displayTerm(term), fields])),
      field_boosts: deps.search.backend?.boosts ?? {},
      phrasing_match: round(r.phrasingMatch),
      article_match: round(r.articleMatch),
      ...(r.semanticMatch === undefined ? {} : { semantic_match: round(r.semanticMatch) }),
      best_phrasing: r.bestPhrasing >= 0 ? (phrasings[r.bestPhrasing] ?? null) : null,
    };
  }
  return hit;
}

/** Whether an article is published and public, as stored now (the bot answers a chosen article only then). */
export async function isPublicArticle(deps: Pick<Deps, 'db'>, id: string): Promise<boolean> {
  const row = (await loadHitRows(deps, [id])).get(id);
  return row?.status === 'published' && row.audience === 'public';
}
