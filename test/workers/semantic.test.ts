/**
 * Semantic re-ranking in workerd over D1: the embedding job stores the sample knowledge base's
 * vectors within D1's limits (100 parameters a statement), the Workers AI client reads them back
 * through the product's code, and a paraphrase is ranked by meaning. The `AI` binding is a
 * stand-in answering with deterministic concept vectors (no network in tests).
 */
import { CloudflareWorkersAIEmbeddings } from '@langchain/cloudflare';
import type { Ai } from '@cloudflare/workers-types';
import { env } from 'cloudflare:test';
import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { articles, articleVectors } from '../../src/db/schema/index.js';
import { resolveWorkerDeps } from '../../src/runtime/worker.js';
import { SemanticSearch } from '../../src/features/search/search.semantic.js';
import { syncVectors } from '../../src/features/search/search.vectors.js';
import { createLogger } from '../../src/lib/logger.js';
import { conceptVector } from '../support/concept-embeddings.js';
import { call, db, importSampleKnowledge, staffToken } from './helpers.js';

const calls: number[] = [];
const ai = {
  run: async (_model: string, input: { text: string[] }) => {
    calls.push(input.text.length);
    return { shape: [input.text.length, 21], data: input.text.map(conceptVector) };
  },
} as unknown as Ai; // only `run` is used by the embeddings client

describe('semantic re-ranking in workerd over D1', () => {
  const semantic = new SemanticSearch(new CloudflareWorkersAIEmbeddings({ binding: ai, model: '@cf/test/concepts' }), {
    model: '@cf/test/concepts',
    weight: 1,
    timeoutMs: 1000,
    checkIntervalMs: 0,
    // Several keyset pages (row-value comparison) in D1's SQL.
    loadPage: 100,
  });

  beforeAll(async () => {
    expect((await importSampleKnowledge()).failed).toEqual([]);
  });

  it('embeds every published article part and ranks a paraphrase by meaning', async () => {
    const report = await syncVectors(db, semantic, new Date());
    expect(report.articles).toBe(104);
    const [stored] = await db.select({ n: count() }).from(articleVectors);
    expect(stored!.n).toBe(report.embedded);
    expect(report.embedded).toBeGreaterThan(104);
    expect((await syncVectors(db, semantic, new Date())).embedded).toBe(0);

    await semantic.refresh(db, 'v1', Date.now(), createLogger({ level: 'silent' }));
    expect(semantic.size).toBe(104);
    const scores = await semantic.scores('我要退钱', { locale: 'zh', audiences: ['public'] }, createLogger({ level: 'silent' }));
    const best = [...scores!].sort((a, b) => b[1] - a[1])[0]!;
    const [row] = await db.query.articles.findMany({ where: (a, { eq }) => eq(a.id, best[0]), columns: { locale: true, title: true, questions: true, body: true } });
    // The stand-in model knows 退钱 and 退款 as one concept: the best article speaks of refunds.
    expect(row).toMatchObject({ locale: 'zh' });
    expect([row!.title, ...row!.questions, row!.body].join(' ')).toMatch(/退款|退钱/);
    expect(best[1]).toBeGreaterThan(0.3);
  });

  it('blends meaning into the Worker\'s own search requests, and drops vectors of archived articles', async () => {
    const deps = resolveWorkerDeps(env);
    deps.semantic = semantic;
    try {
      const res = await call(`/api/search?q=${encodeURIComponent('我要退钱')}&locale=zh&explain=1`, { token: (await staffToken('agent')).token });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { results: { slug: string; explain: { semantic_match?: number } }[] };
      expect(body.results[0]!.explain.semantic_match).toBeGreaterThan(0);

      const [victim] = await db.select({ id: articles.id }).from(articles).where(eq(articles.locale, 'en')).limit(1);
      const parts = (await db.select().from(articleVectors).where(eq(articleVectors.articleId, victim!.id))).length;
      await db.update(articles).set({ status: 'archived', updatedAt: new Date() }).where(eq(articles.id, victim!.id));
      const report = await syncVectors(db, semantic, new Date(Date.now() + 1000));
      expect(report).toMatchObject({ embedded: 0, removed: parts });
      expect(await db.select().from(articleVectors).where(eq(articleVectors.articleId, victim!.id))).toEqual([]);
    } finally {
      deps.semantic = undefined;
    }
  });
});
