/**
 * `npm run bench:bot`: bot turn latency without an LLM, at 1k articles (realistic generated
 * zh/en corpus imported through the product's knowledge import). Each turn is a real
 * `POST /api/conversations/{id}/messages` through the app (in-process, no network): message
 * stored, analysed, retrieved, decided, answer extracted, reply stored. Prints p50/p95/p99.
 */
import YAML from 'yaml';
import { createApp } from '../src/app.js';
import { importKnowledge } from '../src/features/knowledge/knowledge.service.js';
import { createMemoryDeps } from '../src/runtime/memory.js';
import { generateCorpus, generateQueries, loadTemplates } from './lib/corpus.js';
import { percentile } from './lib/metrics.js';

async function main() {
  const size = Number(process.argv[2] ?? 1000);
  const turns = Number(process.argv[3] ?? 1000);
  const templates = await loadTemplates();
  const corpus = generateCorpus(templates, size);
  const { deps } = await createMemoryDeps({ config: { rateLimitPerMinute: 1_000_000 } });
  const files = corpus.map((a, i) => ({
    path: `${a.locale}/${i}.md`,
    text: `---\n${YAML.stringify({ slug: `a-${i}`, locale: a.locale, title: a.title, summary: a.summary, kind: a.kind, category: a.category, audience: a.audience, tags: a.tags, questions: a.questions })}---\n\n${a.body}\n`,
  }));
  const categories = [...new Set(corpus.map((a) => a.category))].map((slug, i) => ({ slug, order: i, names: { en: slug, zh: slug } }));
  const report = await importKnowledge(deps, { categoriesFile: { path: 'categories.yaml', text: YAML.stringify(categories) }, articleFiles: files });
  await deps.search.refresh(deps.db, Date.now(), { force: true });
  const app = createApp({ resolveDeps: () => deps });

  const queries = generateQueries(corpus, turns).filter((q) => q.kind !== 'prefix');
  const times: number[] = [];
  const decisions: Record<string, number> = {};
  for (const [i, q] of queries.entries()) {
    // A new conversation every 5 turns, so follow-up logic and history lookups are exercised.
    const start = await app.request('/api/conversations', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ locale: q.locale }) });
    const { id, token } = (await start.json()) as { id: string; token: string };
    for (let k = 0; k < Math.min(5, queries.length - i); k++) {
      const t0 = performance.now();
      const res = await app.request(`/api/conversations/${id}/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Conversation-Token': token },
        body: JSON.stringify({ text: queries[(i + k) % queries.length]!.q }),
      });
      const body = (await res.json()) as { reply: { decision: string } | null };
      times.push(performance.now() - t0);
      const d = body.reply?.decision ?? 'silent';
      decisions[d] = (decisions[d] ?? 0) + 1;
    }
    if (times.length >= queries.length) break;
  }
  const f = (p: number) => percentile(times.slice(50), p).toFixed(2);
  console.log(`articles ${report.created}, turns ${times.length} (first 50 are warm-up), decisions ${JSON.stringify(decisions)}`);
  console.log('| articles | turns | p50 ms | p95 ms | p99 ms |');
  console.log('|---|---|---|---|---|');
  console.log(`| ${report.created} | ${times.length - 50} | ${f(50)} | ${f(95)} | ${f(99)} |`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
