/**
 * Search at scale: `node --expose-gc --import tsx scripts/bench-scale.ts [sizes…] [--only=memory|fts5]`
 * (default 1000 10000 50000 100000; takes about half an hour on 2 cores).
 *
 * For each size of realistic generated corpus (scripts/lib/corpus.ts), each in a fresh process:
 * - memory backend: build time, index memory (V8 heap + typed arrays), snapshot size (JSON,
 *   and gzip + base64), query p50/p95/p99; then the snapshot, as the writer stores it, is loaded the way a
 *   cold isolate loads it, once unlimited (load time, final and peak memory) and once under a
 *   128 MB V8 heap (`--max-old-space-size=128`, as a Worker isolate): does it fit?
 * - FTS5 backend: sync time, database and FTS5 size, query p50/p95/p99 through the real
 *   backend (FTS5 candidates, article rows, JS re-scoring), the first query on a fresh
 *   connection, and the heap it holds.
 * Prints markdown tables (docs/scaling.md).
 */
import { spawnSync } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { createClient } from '@libsql/client';
import { createDb } from '../src/db/client.js';
import { SearchEngine, type SearchEngineSnapshot } from '../src/features/search/search.engine.js';
import { FtsBackend } from '../src/features/search/search.fts.js';
import { decodeSnapshot, encodeSnapshot, GZIP_ABOVE, type SnapshotFormat } from '../src/features/search/search.snapshots.js';
import { generateCorpus, generateQueries, loadTemplates, type BenchQuery } from './lib/corpus.js';
import { latencyPercentiles } from './lib/metrics.js';
import { openFileDb, seedCorpus, tempDbFile } from './lib/seed.js';

const gc = (globalThis as { gc?: () => void }).gc;
const MB = 1048576;
const memory = () => {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return { heap: m.heapUsed / MB, buffers: m.arrayBuffers / MB };
};
const peakRss = () => process.resourceUsage().maxRSS / 1024;
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const emit = (value: unknown) => console.log(JSON.stringify(value));

async function latencies(queries: BenchQuery[], run: (q: BenchQuery) => unknown) {
  const { p50, p95, p99 } = await latencyPercentiles(queries, run);
  return { p50: round(p50, 2), p95: round(p95, 2), p99: round(p99, 2) };
}

async function corpusOf(size: number) {
  const corpus = generateCorpus(await loadTemplates(), size);
  return { corpus, queries: generateQueries(corpus, 2000) };
}

async function memoryChild(size: number) {
  const { corpus, queries } = await corpusOf(size);
  const before = memory();
  const started = performance.now();
  const engine = new SearchEngine();
  for (const a of corpus) engine.upsert(a);
  const buildMs = performance.now() - started;
  const after = memory();
  const lat = await latencies(queries, (q) => engine.search(q.q, { locale: q.locale, audiences: ['public'] }, 10));
  const payload = { engine: engine.toJSON(), tie: -1 };
  const json = await encodeSnapshot(payload, Number.POSITIVE_INFINITY);
  const gzip = await encodeSnapshot(payload, 0);
  // As the writer stores it: JSON while small, gzip + base64 above GZIP_ABOVE.
  const stored = json.data.length > GZIP_ABOVE ? gzip : json;
  const file = await tempDbFile('snapshot.txt');
  await writeFile(file, stored.data);
  const load = (limit: number | null) => {
    const args = ['--expose-gc', ...(limit ? [`--max-old-space-size=${limit}`] : []), '--import', 'tsx', 'scripts/bench-scale.ts', 'load-child', file, stored.format];
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
    const line = r.stdout.trim().split('\n').pop() ?? '';
    return r.status === 0 && line.startsWith('{') ? (JSON.parse(line) as Record<string, number>) : null;
  };
  const free = load(null);
  const limited = load(128);
  emit({
    size,
    buildMs: round(buildMs, 0),
    heapMb: round(after.heap - before.heap),
    buffersMb: round(after.buffers - before.buffers),
    jsonMb: round(json.data.length / MB),
    gzipMb: round(gzip.data.length / MB),
    format: stored.format,
    ...lat,
    load: free,
    fits128: limited !== null,
  });
}

/** A cold isolate's snapshot load: decode (base64, gunzip, JSON.parse), restore, first query. */
async function loadChild(file: string, format: SnapshotFormat) {
  const data = await readFile(file, 'utf8');
  const base = memory();
  const baseRss = peakRss();
  const started = performance.now();
  const engine = SearchEngine.fromJSON((await decodeSnapshot<{ engine: SearchEngineSnapshot }>({ format, data })).engine);
  engine.search('refund', { audiences: ['public'] }, 10);
  const loadMs = performance.now() - started;
  const after = memory();
  emit({ loadMs: round(loadMs, 0), memMb: round(after.heap + after.buffers - base.heap - base.buffers), peakRssDeltaMb: round(peakRss() - baseRss) });
}

async function ftsChild(size: number) {
  const { corpus, queries } = await corpusOf(size);
  const file = await tempDbFile();
  const { client, db } = await openFileDb(file);
  await seedCorpus(db, corpus);
  const pages = async () => {
    const r = await client.execute('select (select page_count from pragma_page_count()) * (select page_size from pragma_page_size()) as bytes');
    return Number(r.rows[0]!.bytes) / MB;
  };
  const dbBefore = await pages();
  const backend = new FtsBackend();
  const started = performance.now();
  await backend.rebuild(db);
  const syncMs = performance.now() - started;
  const dbAfter = await pages();
  client.close();
  // A fresh connection, as a new isolate or process has: first query, then the rest.
  const fresh = createClient({ url: `file:${file}` });
  const freshDb = createDb(fresh);
  const before = memory();
  const reader = new FtsBackend();
  await reader.catchUp(freshDb);
  const t = performance.now();
  await reader.search(freshDb, queries[0]!.q, { locale: queries[0]!.locale, audiences: ['public'] }, 10);
  const firstMs = performance.now() - t;
  const lat = await latencies(queries, (q) => reader.search(freshDb, q.q, { locale: q.locale, audiences: ['public'] }, 10));
  const after = memory();
  fresh.close();
  emit({ size, syncMs: round(syncMs, 0), dbMb: round((await stat(file)).size / MB), ftsMb: round(dbAfter - dbBefore), firstMs: round(firstMs, 1), heapMb: round(after.heap - before.heap), ...lat });
}

function child(mode: string, size: number): Record<string, unknown> | null {
  const started = Date.now();
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', 'scripts/bench-scale.ts', mode, String(size)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  console.error(`${mode} ${size}: ${Math.round((Date.now() - started) / 1000)} s${r.status === 0 ? '' : ` failed: ${r.stderr.slice(-500)}`}`);
  return r.status === 0 && line.startsWith('{') ? (JSON.parse(line) as Record<string, unknown>) : null;
}

function orchestrate(sizes: number[], only: string | undefined) {
  const mem = only === 'fts5' ? [] : sizes.map((s) => child('memory-child', s));
  const fts = only === 'memory' ? [] : sizes.map((s) => child('fts5-child', s));
  console.log('\n| articles | build s | index heap + arrays MB | snapshot JSON MB | gzip+base64 MB | stored as | load ms | after load MB | peak during load MB | fits 128 MB heap | query p50 / p95 / p99 ms |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const m of mem) {
    if (!m) continue;
    const load = m.load as Record<string, number> | null;
    const ms = `${m.p50} / ${m.p95} / ${m.p99}`;
    console.log(
      `| ${m.size} | ${round(Number(m.buildMs) / 1000)} | ${round(Number(m.heapMb) + Number(m.buffersMb))} (${m.heapMb} + ${m.buffersMb}) | ${m.jsonMb} | ${m.gzipMb} | ${String(m.format).replace('snapshot1+', '')} | ${load?.loadMs ?? 'n/a'} | ${load?.memMb ?? 'n/a'} | ${load?.peakRssDeltaMb ?? 'n/a'} | ${m.fits128 ? 'yes' : 'no'} | ${ms} |`,
    );
  }
  console.log('\n| articles | FTS5 sync s | database MB | of which FTS5 MB | first query ms | heap MB | query p50 / p95 / p99 ms |');
  console.log('|---|---|---|---|---|---|---|');
  for (const f of fts) {
    if (!f) continue;
    console.log(`| ${f.size} | ${round(Number(f.syncMs) / 1000)} | ${f.dbMb} | ${f.ftsMb} | ${f.firstMs} | ${f.heapMb} | ${f.p50} / ${f.p95} / ${f.p99} |`);
  }
}

async function main() {
  const [mode, arg] = process.argv.slice(2);
  if (mode === 'memory-child') return memoryChild(Number(arg));
  if (mode === 'load-child') return loadChild(arg!, process.argv[4] as SnapshotFormat);
  if (mode === 'fts5-child') return ftsChild(Number(arg));
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  orchestrate(sizes.length ? sizes : [1000, 10_000, 50_000, 100_000], only);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
