/**
 * `npm run bench:semantic`: what optional semantic re-ranking costs a process or isolate, with
 * no model in the loop (vectors are random unit vectors of a real model's size; the query's
 * embedding time is the model server's and is not measured here): loading every stored vector
 * from the database into memory (what the first search after a change pays), the heap it takes,
 * and the per-query scan over all vectors with the filters, p50/p95/p99.
 * Article parts: 6 per article (title, 3 questions, 2 passages) — the sample knowledge base
 * averages 5.3. Dimensions: 384 (small models) and 1024 (bge-m3).
 */
import { Embeddings } from '@langchain/core/embeddings';
import { articleVectors } from '../src/db/schema/index.js';
import { SemanticSearch } from '../src/features/search/search.semantic.js';
import { encodeVector } from '../src/features/search/search.vectormath.js';
import { silentLogger } from '../src/lib/logger.js';
import { generateCorpus, loadTemplates } from './lib/corpus.js';
import { latencyPercentiles } from './lib/metrics.js';
import { openFileDb, seedCorpus, tempDbFile } from './lib/seed.js';

const PARTS = 6;
const QUERIES = 300;
const gc = (globalThis as { gc?: () => void }).gc;
const heapMb = () => {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  // Typed arrays' buffers live outside the JS heap.
  return (m.heapUsed + m.arrayBuffers) / 1048576;
};

let seed = 42;
const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32) * 2 - 1;
const randomVector = (dims: number) => Array.from({ length: dims }, random);

/** A model stand-in: a random vector per query, at once. */
class RandomEmbeddings extends Embeddings {
  constructor(private readonly dims: number) {
    super({});
  }
  async embedDocuments(texts: string[]) {
    return texts.map(() => randomVector(this.dims));
  }
  async embedQuery() {
    return randomVector(this.dims);
  }
}

async function bench(articles: number, dims: number) {
  const templates = await loadTemplates();
  const corpus = generateCorpus(templates, articles);
  const { client, db } = await openFileDb(await tempDbFile('semantic.db'));
  await seedCorpus(db, corpus);
  const now = new Date();
  const rows = corpus.flatMap((a) =>
    Array.from({ length: PARTS }, (_, part) => ({ articleId: a.id, model: 'bench', part, textHash: 'x', dims, vector: encodeVector(randomVector(dims)), updatedAt: now })),
  );
  for (let i = 0; i < rows.length; i += 500) await db.insert(articleVectors).values(rows.slice(i, i + 500));

  const before = heapMb();
  const semantic = new SemanticSearch(new RandomEmbeddings(dims), { model: 'bench', weight: 1, timeoutMs: 10_000 });
  const started = performance.now();
  await semantic.refresh(db, 'v1', Date.now(), silentLogger);
  const loadMs = performance.now() - started;
  const heap = heapMb() - before;
  const queries = Array.from({ length: QUERIES }, (_, q) => ({ q: `query ${q}`, locale: q % 2 ? 'en' : 'zh' }));
  // Distinct queries: each is embedded (instantly, by the stand-in) and scanned.
  const lat = await latencyPercentiles(queries, (q) => semantic.scores(q.q, { locale: q.locale, audiences: ['public'] }, silentLogger));
  client.close();
  return { articles, dims, vectors: rows.length, loaded: semantic.size > 0, loadMs, heapMb: gc ? heap : null, ...lat };
}

async function main() {
  const sizes = process.argv.includes('--quick') ? [1000] : [1000, 10_000];
  const out: Awaited<ReturnType<typeof bench>>[] = [];
  for (const n of sizes) for (const dims of [384, 1024]) out.push(await bench(n, dims));
  console.log('| articles | dimensions | vectors | load from DB (ms) | memory (MB, heap + buffers) | scan p50 (ms) | p95 | p99 |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of out) {
    if (!r.loaded) {
      console.log(`| ${r.articles} | ${r.dims} | ${r.vectors} | — | over the in-memory budget: semantic re-ranking stays off, lexical only | | | |`);
      continue;
    }
    console.log(`| ${r.articles} | ${r.dims} | ${r.vectors} | ${r.loadMs.toFixed(0)} | ${r.heapMb === null ? 'n/a (run with --expose-gc)' : r.heapMb.toFixed(1)} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.p99.toFixed(2)} |`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
