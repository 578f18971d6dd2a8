import { ensureBootstrapAdmin } from '../features/auth/auth.service.js';
import { importKnowledge, isKnowledgeBaseEmpty } from '../features/knowledge/knowledge.service.js';
import { purgeExpiredSearchLog, scheduledEveryMinute } from './housekeeping.js';
import { runVectorSync } from '../features/search/search.vectors.js';
import { readKnowledgeDir } from './knowledge-files.js';
import { openNodeDeps } from './node-deps.js';
import { startNodeServer } from './node-server.js';

/** `npm start`: the product on Node with an embedded libSQL file. */
async function main() {
  const { deps, client } = await openNodeDeps(process.env);
  const log = deps.logger;

  if (await isKnowledgeBaseEmpty(deps.db)) {
    const report = await importKnowledge(deps, await readKnowledgeDir(process.env.KNOWLEDGE_DIR));
    log.info('knowledge imported', { created: report.created, categories: report.categories, failed: report.failed.length });
    for (const f of report.failed) log.warn('knowledge file rejected', { path: f.path, errors: f.errors });
  }
  const adminToken = await ensureBootstrapAdmin(deps);

  const indexStarted = performance.now();
  await deps.search.refresh(deps.db, Date.now(), { force: true, backend: deps.config.searchBackend });
  log.info('search index built', { articles: deps.search.size, ms: Math.round(performance.now() - indexStarted) });

  // Housekeeping on timers (Workers run the same jobs from cron triggers): search-log retention.
  const purge = () => purgeExpiredSearchLog(deps);
  const housekeeping = setInterval(() => void purge().catch((e: unknown) => log.error('purge failed', { error: String(e) })), 3_600_000);
  housekeeping.unref();
  // Scheduled articles also go live on this tick, not only when someone reads; article vectors
  // (semantic search, when configured) catch up on it too.
  const scheduler = setInterval(() => void scheduledEveryMinute(deps).catch((e: unknown) => log.error('scheduled job failed', { error: String(e) })), 30_000);
  scheduler.unref();
  void purge();
  if (deps.semantic) void runVectorSync(deps);

  const port = Number(process.env.PORT ?? 8787);
  const hostname = process.env.HOST ?? 'localhost';
  const { url: base, close } = await startNodeServer(deps, { port, hostname });
  log.info('listening', { url: base, port: Number(new URL(base).port) });
  const lines = [
    '',
    `  Edge Helpdesk is running at ${base}`,
    `  Help center:    ${base}/zh   ${base}/en`,
    `  API reference:  ${base}/docs   (OpenAPI: ${base}/openapi.json)`,
    `  Articles API:   ${base}/api/articles?locale=en`,
  ];
  if (adminToken) {
    lines.push(
      '',
      '  First start: an admin account was created. Its API token is shown only now:',
      `    ${adminToken}`,
      '  Keep it safe; create more staff with `npm run staff -- add --name NAME --role editor`.',
    );
  }
  console.log(lines.join('\n') + '\n');

  const shutdown = () => {
    clearInterval(housekeeping);
    clearInterval(scheduler);
    void close().then(() => {
      client.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
