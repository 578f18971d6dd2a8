/**
 * The evaluation harness: `npm run eval -- <dataset-dir> [--json] [--backend memory|fts5]`.
 *
 * Loads the dataset's articles into a fresh in-memory database through the product's own
 * knowledge import, builds the real search index, runs every query through the real search
 * service and scores the ranking: Recall@1/@5 and MRR@10 over in-scope queries, and the AUROC
 * with which the top result's score separates in-scope from out-of-scope queries. With
 * --json, the last line of stdout is one JSON object. --backend picks the search backend
 * (default memory; fts5 indexes into SQLite FTS5 in the same in-memory database).
 * --semantic blends in an embedding model's similarity (search.semantic.ts) configured as for
 * the product: EMBEDDINGS_PROVIDER=openai, EMBEDDINGS_BASE_URL, EMBEDDINGS_API_KEY, EMBEDDINGS_MODEL
 * in the environment; every article is embedded first through the product's own embedding job.
 */
import { parseArgs } from 'node:util';
import { BACKEND_SETTINGS, type BackendSetting } from '../src/features/search/search.backend.js';
import { SearchIndex } from '../src/features/search/search.index.js';
import { rankArticles } from '../src/features/search/search.service.js';
import { articles } from '../src/db/schema/index.js';
import { importKnowledge } from '../src/features/knowledge/knowledge.service.js';
import { createMemoryDeps } from '../src/runtime/memory.js';
import { readEnv } from '../src/runtime/config.js';
import { createSemanticSearch } from '../src/runtime/embeddings.js';
import { syncVectors } from '../src/features/search/search.vectors.js';
import { loadDataset, productLocale, toKnowledgeFiles } from './lib/dataset.js';
import { collectBotCases, scoreBot, tradeOffCurve } from './lib/bot-eval.js';
import { auroc, percentile, rankOf, retrievalMetrics } from './lib/metrics.js';

const round = (n: number | null, digits = 3) => (n === null ? null : Math.round(n * 10 ** digits) / 10 ** digits);

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      backend: { type: 'string', default: 'memory' },
      semantic: { type: 'boolean', default: false },
    },
  });
  const dir = positionals[0];
  const backend = values.backend as BackendSetting;
  if (!dir || !BACKEND_SETTINGS.includes(backend)) throw new Error('usage: npm run eval -- <dataset-dir> [--json] [--backend memory|fts5] [--semantic]');
  const dataset = await loadDataset(dir);

  const semantic = values.semantic ? createSemanticSearch({ ...readEnv(process.env), EMBEDDINGS_TIMEOUT_MS: 30_000 }) : undefined;
  if (values.semantic && !semantic) throw new Error('--semantic needs an embedding model: set EMBEDDINGS_PROVIDER=openai and EMBEDDINGS_MODEL (and EMBEDDINGS_BASE_URL)');
  const { deps, client } = await createMemoryDeps({ search: new SearchIndex({ backend, snapshots: { enabled: false } }), semantic });
  const files = toKnowledgeFiles(dataset.articles);
  if (files.adjusted > 0) console.error(`${files.adjusted} articles fitted to the product's limits (locale, or over-long title, questions or body)`);
  const report = await importKnowledge(deps, files);
  for (const f of report.failed) console.error(`import rejected ${f.path}: ${f.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  const indexStarted = performance.now();
  await deps.search.refresh(deps.db, Date.now(), { force: true });
  const indexMs = performance.now() - indexStarted;
  if (semantic) {
    const embedded = await syncVectors(deps.db, semantic, new Date());
    await semantic.refresh(deps.db, deps.search.version, Date.now(), deps.logger);
    console.error(`embedded ${embedded.embedded} article parts with ${semantic.model}`);
  }

  // Map the database's article ids back to the dataset's ids, to score.
  const datasetIdBySlug = new Map([...files.slugOf].map(([id, key]) => [key, id]));
  const rows = await deps.db.select({ id: articles.id, slug: articles.slug, locale: articles.locale }).from(articles);
  const keyById = new Map(rows.map((a) => [a.id, `${a.locale}/${a.slug}`]));
  const datasetId = (articleId: string) => datasetIdBySlug.get(keyById.get(articleId) ?? '') ?? '';

  const locales = dataset.queries.map((q) => productLocale(q.locale));
  const ranks: number[] = [];
  const inScopeScores: number[] = [];
  const outOfScopeScores: number[] = [];
  const latencies: number[] = [];
  for (const [i, query] of dataset.queries.entries()) {
    const locale = locales[i];
    const started = performance.now();
    const { ranked } = await rankArticles(deps, { q: query.q, locale, limit: 10 }, {});
    latencies.push(performance.now() - started);
    const top = ranked[0]?.score ?? 0;
    if (query.expected === null) {
      outOfScopeScores.push(top);
    } else {
      inScopeScores.push(top);
      ranks.push(rankOf(ranked.slice(0, 10).map((r) => datasetId(r.id)), query.expected));
    }
  }
  const botCases = await collectBotCases(deps, dataset.queries.map((q, i) => ({ q: q.q, expected: q.expected, locale: locales[i] })), datasetId);
  client.close();
  const bot = scoreBot(botCases);
  const curve = tradeOffCurve(botCases);

  const m = retrievalMetrics(ranks);
  const result = {
    dataset: dataset.name,
    backend: deps.search.backend?.kind ?? backend,
    semantic: semantic ? { model: semantic.model, weight: semantic.weight } : null,
    articles: report.created,
    queries: dataset.queries.length,
    search: { r1: round(m.r1), r5: round(m.r5), mrr10: round(m.mrr10) },
    oos: { auroc: round(auroc(inScopeScores, outOfScopeScores)), queries: outOfScopeScores.length },
    latency_ms: { p50: round(percentile(latencies, 50), 2), p95: round(percentile(latencies, 95), 2), p99: round(percentile(latencies, 99), 2) },
    index_ms: round(indexMs, 0),
    bot,
    bot_tradeoff: curve,
  };

  console.log(`dataset ${result.dataset} (${result.backend}${semantic ? ` + ${semantic.model}` : ''}): ${result.articles} articles, ${result.queries} queries (${outOfScopeScores.length} out of scope)`);
  console.log('  metric        value');
  console.log(`  R@1           ${result.search.r1}`);
  console.log(`  R@5           ${result.search.r5}`);
  console.log(`  MRR@10        ${result.search.mrr10}`);
  console.log(`  OOS AUROC     ${result.oos.auroc ?? 'n/a (no out-of-scope queries)'}`);
  console.log(`  latency p50   ${result.latency_ms.p50} ms   p95 ${result.latency_ms.p95} ms   p99 ${result.latency_ms.p99} ms`);
  console.log(
    `  bot           answered ${bot.answered_in_scope}  correct ${bot.correct_in_scope}  (precision ${bot.precision_answered})  ` +
      `clarify ${bot.clarify_rate}  out-of-scope caught ${bot.oos_handoff_or_fallback}`,
  );
  console.log('  bot trade-off (answer threshold → correct in scope / out-of-scope caught / clarify rate):');
  for (const row of curve) console.log(`    ${row.answer_threshold.toFixed(2)}  ${row.correct_in_scope.toFixed(3)}  ${row.oos_handoff_or_fallback.toFixed(3)}  ${row.clarify_rate.toFixed(3)}`);
  if (values.json) console.log(JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
