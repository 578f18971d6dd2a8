/**
 * `npm run bench:search`: the search engine on realistic generated corpora of 1k and 10k mixed
 * zh/en articles — index build time, heap, serialised size, query latency — and the same
 * figures for SQLite FTS5 (through libSQL, in-process) on the same corpus and queries.
 * Prints a markdown table. Run with a quiet machine; figures vary ±20% between runs.
 */
import { createClient } from '@libsql/client';
import { SearchEngine, type IndexableArticle } from '../src/features/search/search.engine.js';
import { tokenize } from '../src/features/search/search.text.js';
import { generateCorpus, generateQueries, loadTemplates, type BenchQuery } from './lib/corpus.js';
import { latencyPercentiles, percentile } from './lib/metrics.js';

const gc = (globalThis as { gc?: () => void }).gc;
const heapMb = () => {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 1048576;
};
const ms = (n: number) => n.toFixed(2);

type Row = { engine: string; articles: number; buildMs: number; heapMb: number | null; sizeMb: number; p50: number; p95: number; p99: number };

function timeQueries(queries: BenchQuery[], run: (q: BenchQuery) => unknown) {
  for (const q of queries.slice(0, 50)) run(q); // warm up the JIT
  const times = queries.map((q) => {
    const t = performance.now();
    run(q);
    return performance.now() - t;
  });
  return { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99) };
}

function benchEngine(corpus: IndexableArticle[], queries: BenchQuery[]): Row {
  const before = heapMb();
  const started = performance.now();
  const engine = new SearchEngine();
  for (const a of corpus) engine.upsert(a);
  const buildMs = performance.now() - started;
  const heap = heapMb() - before;
  const snapshot = (engine as { toJSON?: () => unknown }).toJSON?.();
  const sizeMb = snapshot === undefined ? Number.NaN : JSON.stringify(snapshot).length / 1048576;
  const lat = timeQueries(queries, (q) => engine.search(q.q, { locale: q.locale, audiences: ['public', 'internal'] }, 10));
  return { engine: 'minisearch (ours)', articles: corpus.length, buildMs, heapMb: gc ? heap : null, sizeMb, ...lat };
}

/** FTS5 over app-made tokens (Han terms hex-encoded, so FTS5's own tokenizer keeps them whole). */
async function benchFts5(corpus: IndexableArticle[], queries: BenchQuery[]): Promise<Row> {
  const client = createClient({ url: ':memory:' });
  await client.execute(
    "create virtual table docs using fts5(id unindexed, locale unindexed, title, questions, body, tokenize = 'unicode61 remove_diacritics 0')",
  );
  const terms = (text: string) => tokenize(text).join(' ');
  const started = performance.now();
  for (let i = 0; i < corpus.length; i += 500) {
    await client.batch(
      corpus.slice(i, i + 500).map((a) => ({
        sql: 'insert into docs (id, locale, title, questions, body) values (?, ?, ?, ?, ?)',
        args: [a.id, a.locale, terms(a.title), terms(a.questions.join(' ')), terms(`${a.summary} ${a.body}`)],
      })),
      'write',
    );
  }
  const buildMs = performance.now() - started;
  const pages = await client.execute('select (select page_count from pragma_page_count()) * (select page_size from pragma_page_size()) as bytes');
  const sizeMb = Number(pages.rows[0]!.bytes) / 1048576;
  const lat = await latencyPercentiles(queries, async (q) => {
    const t = [...new Set(tokenize(q.q))];
    if (t.length === 0) return;
    const match = t.map((x) => `"${x}"`).join(' OR ');
    await client.execute({
      sql: 'select id, bm25(docs, 0, 0, 2.0, 1.5, 0.6) as s from docs where docs match ? and locale = ? order by s limit 10',
      args: [match, q.locale],
    });
  });
  client.close();
  return { engine: 'SQLite FTS5 (libSQL)', articles: corpus.length, buildMs, heapMb: null, sizeMb, ...lat };
}

async function main() {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const templates = await loadTemplates();
  const rows: Row[] = [];
  for (const size of sizes.length ? sizes : [1000, 10_000]) {
    const corpus = generateCorpus(templates, size);
    const queries = generateQueries(corpus, 2000);
    rows.push(benchEngine(corpus, queries));
    rows.push(await benchFts5(corpus, queries));
  }
  if (!gc) console.log('(heap not measured: run with node --expose-gc, as `npm run bench:search` does)');
  console.log('| engine | articles | build ms | index heap MB | serialised MB | query p50 ms | p95 ms | p99 ms |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const heap = r.heapMb === null ? 'n/a' : r.heapMb.toFixed(1);
    const size = Number.isNaN(r.sizeMb) ? 'n/a' : r.sizeMb.toFixed(1);
    console.log(`| ${r.engine} | ${r.articles} | ${r.buildMs.toFixed(0)} | ${heap} | ${size} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} |`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
