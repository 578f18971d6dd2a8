import { z } from '@hono/zod-openapi';
import { ARTICLE_KINDS, AUDIENCES, LOCALES } from '../../db/schema/index.js';
import { CategorySlugSchema, LocaleSchema } from '../articles/articles.schemas.js';

/** Longest accepted query; longer is a 422 naming `query.q`. */
export const MAX_QUERY_LENGTH = 200;

const booleanFlag = z
  .enum(['1', '0', 'true', 'false'])
  .transform((v) => v === '1' || v === 'true')
  .optional();

export const SearchQuery = z.object({
  q: z.string().trim().min(1, 'Type something to search for').max(MAX_QUERY_LENGTH).openapi({ example: '退款多久到账' }),
  locale: LocaleSchema.optional(),
  category: CategorySlugSchema.optional(),
  kind: z.enum(ARTICLE_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
  explain: booleanFlag.openapi({ description: 'Staff only: why each result matched', type: 'string', enum: ['1', '0', 'true', 'false'] }),
});

export const SearchHitSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    locale: z.enum(LOCALES),
    url: z.string(),
    score: z.number().openapi({ description: 'Relevance, roughly 0–1: the share of the query the article matches' }),
    snippet: z.string().openapi({ description: 'Safe HTML: escaped text with matched terms in <mark>' }),
    category: z.string(),
    kind: z.enum(ARTICLE_KINDS),
    audience: z.enum(AUDIENCES).openapi({ description: '`internal`: an agent-only article (staff searches only)' }),
    explain: z
      .object({
        matched_terms: z.record(z.string(), z.array(z.string())).openapi({ description: 'term → fields it matched in' }),
        field_boosts: z.record(z.string(), z.number()),
        phrasing_match: z.number().openapi({ description: 'How well the closest title or alternate question matches (0–1)' }),
        article_match: z.number().openapi({ description: 'How well the article as a whole matches (0–1)' }),
        semantic_match: z
          .number()
          .optional()
          .openapi({ description: 'Semantic similarity of the closest part against the query\'s background (0–1); only with an embedding model configured' }),
        best_phrasing: z.string().nullable(),
      })
      .optional(),
  })
  .openapi('SearchHit');

export const SearchResponseSchema = z
  .object({
    query_id: z.string().nullable().openapi({ description: 'Send it back with POST /api/search/click' }),
    query: z.string(),
    expanded_with: z.array(z.string()).openapi({ description: 'Synonyms added to the query' }),
    total: z.number().int(),
    took_ms: z.number(),
    results: z.array(SearchHitSchema),
  })
  .openapi('SearchResponse');

export const SuggestQuery = z.object({
  q: z.string().trim().min(1).max(MAX_QUERY_LENGTH),
  locale: LocaleSchema.optional(),
  limit: z.coerce.number().int().min(1).max(10).default(5),
});

export const SuggestResponseSchema = z
  .object({
    articles: z.array(z.object({ id: z.string(), title: z.string(), url: z.string(), locale: z.enum(LOCALES) })),
    queries: z.array(z.string()).openapi({ description: 'Completions: matching customer phrasings and popular searches' }),
    took_ms: z.number(),
  })
  .openapi('SuggestResponse');

export const ClickBody = z
  .object({ query_id: z.string().min(1).max(64), article_id: z.string().min(1).max(64) })
  .strict()
  .openapi('SearchClick');

const isoDate = z.iso.datetime({ offset: true }).or(z.iso.date());

export const ReportQuery = z.object({
  from: isoDate.optional().openapi({ description: 'Start (inclusive); default 30 days before `to`' }),
  to: isoDate.optional().openapi({ description: 'End (exclusive); default now' }),
  locale: LocaleSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});

const counted = z.object({ query: z.string(), count: z.number().int() });
export const ReportSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    totals: z.object({ searches: z.number().int(), zero_result: z.number().int(), with_click: z.number().int(), click_through_rate: z.number() }),
    top_queries: z.array(counted.extend({ clicks: z.number().int(), avg_results: z.number() })),
    zero_result_queries: z.array(counted),
    no_click_queries: z.array(counted),
  })
  .openapi('SearchReport');

export const SynonymSetSchema = z
  .object({
    id: z.string(),
    locale: z.enum(LOCALES).nullable().openapi({ description: 'null: every locale' }),
    terms: z.array(z.string()),
    updated_at: z.string(),
  })
  .openapi('SynonymSet');

export const SynonymSetBody = z
  .object({
    locale: z.enum(LOCALES).nullable().default(null),
    terms: z
      .array(z.string().trim().min(1).max(50))
      .min(2, 'A synonym set needs at least two terms')
      .max(20)
      .refine((t) => new Set(t.map((x) => x.toLowerCase())).size === t.length, 'Terms must be different'),
  })
  .strict()
  .openapi('SynonymSetInput');

export const IdParam = z.object({ id: z.string().min(1).max(64) });
