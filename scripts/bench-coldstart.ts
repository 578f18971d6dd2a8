/**
 * `npm run bench:coldstart [-- sizes…]`: time from a fresh process to the first search result,
 * at 1k and 10k realistic generated articles (scripts/lib/corpus.ts) in a libSQL file, for:
 * - snapshot: the memory engine restored from the newest snapshot in the database (what an
 *   isolate does), then the rows changed since it (none here);
 * - rows: the memory engine built from every published article (no snapshot);
 * - fts5: the FTS5 backend (nothing to load; the first query reads the database).
 * Each runs in 5 fresh processes (median). Reported: process start → first result (includes
 * Node's start and tsx compiling TypeScript, which a bundled Worker does not pay), module import,
 * and the first request: open the database → first result (what the 50 ms target is about).
 */
import { spawnSync } from 'node:child_process';
import { createClient } from '@libsql/client';
import { generateCorpus, generateQueries, loadTemplates } from './lib/corpus.js';
import { percentile } from './lib/metrics.js';
import { benchDeps, openFileDb, seedCorpus, tempDbFile } from './lib/seed.js';

const RUNS = 5;
const MODES = ['snapshot', 'rows', 'fts5'] as const;
type Mode = (typeof MODES)[number];
const round = (n: number) => Math.round(n * 10) / 10;

/** One cold process: import the app's modules, open the database, answer one search. */
async function child(file: string, mode: Mode, query: string, locale: string) {
  const t0 = performance.now();
  const [{ createDb }, { SearchIndex }, { rankArticles }, seed] = await Promise.all([
    import('../src/db/client.js'),
    import('../src/features/search/search.index.js'),
    import('../src/features/search/search.service.js'),
    import('./lib/seed.js'),
  ]);
  const t1 = performance.now();
  const client = createClient({ url: `file:${file}` });
  const search = new SearchIndex(mode === 'fts5' ? { backend: 'fts5' } : { backend: 'memory', snapshots: { enabled: mode === 'snapshot' } });
  const deps = seed.benchDeps(createDb(client), search);
  const { ranked } = await rankArticles(deps, { q: query, locale: locale as 'en' | 'zh', limit: 10 }, {});
  const t2 = performance.now();
  if (ranked.length === 0) throw new Error('bench-coldstart: the first search found nothing');
  console.log(JSON.stringify({ sinceStart: t2, importMs: t1 - t0, firstRequest: t2 - t1, from: search.lastLoad?.from }));
  // Leave without waiting for a background snapshot write (rows mode schedules one).
  process.exit(0);
}

async function prepare(size: number) {
  const corpus = generateCorpus(await loadTemplates(), size);
  const file = await tempDbFile();
  const { client, db } = await openFileDb(file);
  await seedCorpus(db, corpus);
  const { SearchIndex } = await import('../src/features/search/search.index.js');
  const { writeSnapshot } = await import('../src/features/search/search.reindex.js');
  const { FtsBackend } = await import('../src/features/search/search.fts.js');
  const deps = benchDeps(db, new SearchIndex({ backend: 'memory', snapshots: { minArticles: 0 } }));
  const stored = await writeSnapshot(deps);
  await new FtsBackend().rebuild(db);
  client.close();
  const q = generateQueries(corpus, 1, 11)[0]!;
  return { file, stored, query: q.q, locale: q.locale };
}

async function main() {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  console.log('| articles | start from | snapshot stored | process start → first result ms | of which module import ms | first request (open db → first result) ms |');
  console.log('|---|---|---|---|---|---|');
  for (const size of sizes.length ? sizes : [1000, 10_000]) {
    const { file, stored, query, locale } = await prepare(size);
    for (const mode of MODES) {
      const runs = Array.from({ length: RUNS }, () => {
        const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench-coldstart.ts', 'child', file, mode, query, locale], { encoding: 'utf8' });
        const line = r.stdout.trim().split('\n').pop() ?? '';
        if (r.status !== 0 || !line.startsWith('{')) throw new Error(`bench-coldstart: child failed: ${r.stderr.slice(-800)}`);
        return JSON.parse(line) as { sinceStart: number; importMs: number; firstRequest: number; from: string };
      });
      const med = (f: (r: (typeof runs)[number]) => number) => round(percentile(runs.map(f), 50));
      const storedText = mode === 'snapshot' ? `${stored?.format.replace('snapshot1+', '')}, ${round((stored?.bytes ?? 0) / 1048576)} MB, ${stored?.chunks} chunks` : '–';
      console.log(`| ${size} | ${mode} (${runs[0]!.from}) | ${storedText} | ${med((r) => r.sinceStart)} | ${med((r) => r.importMs)} | ${med((r) => r.firstRequest)} |`);
    }
  }
}

if (process.argv[2] === 'child') {
  const [, , , file, mode, query, locale] = process.argv;
  child(file!, mode as Mode, query!, locale!).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
