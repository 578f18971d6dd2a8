/**
 * Periodic jobs both runtimes run: Node on timers (node.ts), Workers on cron triggers
 * (wrangler.toml `[triggers] crons`, dispatched by `runScheduled`).
 */
import type { Deps } from '../deps.js';
import { publishDue } from '../features/editor/editor.workflow.js';
import { purgeSearchLog } from '../features/search/search.log.js';
import { runVectorSync } from '../features/search/search.vectors.js';

/** Cron expressions of wrangler.toml; keep both lists in step. */
export const CRON_PUBLISH_DUE = '* * * * *';
export const CRON_PURGE_SEARCH_LOG = '17 * * * *';

/** Deletes search-log rows older than the retention period; returns how many. */
export async function purgeExpiredSearchLog(deps: Deps): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - deps.config.searchLogRetentionDays * 86_400_000);
  const removed = await purgeSearchLog(deps.db, before);
  if (removed > 0) deps.logger.info('search log purged', { removed, before: before.toISOString() });
  return removed;
}

/** Publishes scheduled articles that are due; returns how many. */
export async function publishDueArticles(deps: Deps): Promise<number> {
  const published = await publishDue(deps);
  if (published > 0) deps.logger.info('scheduled articles published', { published });
  return published;
}

/** The every-minute job: scheduled publications, then article vectors (semantic search, if configured). */
export async function scheduledEveryMinute(deps: Deps): Promise<number> {
  const published = await publishDueArticles(deps);
  await runVectorSync(deps);
  return published;
}

/**
 * What a cron trigger does: the job its expression names, or every job for an expression
 * this code does not know (a cron edited in the dashboard still does useful work).
 */
export async function runScheduled(deps: Deps, cron: string): Promise<{ published: number; purged: number }> {
  const publish = cron !== CRON_PURGE_SEARCH_LOG;
  const purge = cron !== CRON_PUBLISH_DUE;
  const published = publish ? await scheduledEveryMinute(deps) : 0;
  const purged = purge ? await purgeExpiredSearchLog(deps) : 0;
  return { published, purged };
}
