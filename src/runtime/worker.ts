/**
 * Cloudflare Workers entry: the same app as on Node, over D1 (binding `DB`) or Turso/libSQL
 * over HTTP (`DATABASE_URL`, `DATABASE_AUTH_TOKEN`), chosen by `chooseWorkerDatabase`.
 * - Dependencies are built once per isolate, on its first request (bindings arrive with it).
 * - Background work started deep in services is tied to the request by `waitUntil`.
 * - Cron triggers (wrangler.toml) publish scheduled articles and purge old search logs.
 * - Static files are served by the platform (`[assets]`) before the Worker runs.
 * Migrations are applied by the deploy step (`wrangler d1 migrations apply`), never here:
 * an isolate must start fast. No `node:*` import may reach this file's bundle.
 */
import type { Ai, D1Database, ExecutionContext, ScheduledController } from '@cloudflare/workers-types';
import { createClient } from '@libsql/client/web';
import { waitUntil } from 'cloudflare:workers';
import { createApp } from '../app.js';
import { createD1Db, createDb, type Db } from '../db/client.js';
import type { Deps } from '../deps.js';
import { SearchIndex } from '../features/search/search.index.js';
import { BackgroundTasks } from '../lib/background.js';
import { systemClock } from '../lib/clock.js';
import { EventBus } from '../lib/events.js';
import { newId } from '../lib/ids.js';
import { createLogger } from '../lib/logger.js';
import { chooseWorkerDatabase, readEnv, toAppConfig, type RuntimeEnv } from './config.js';
import { runScheduled } from './housekeeping.js';
import { createChatModel } from './llm.js';
import { createSemanticSearch } from './embeddings.js';

/** Worker bindings: vars from wrangler.toml, secrets from `wrangler secret put`, the D1 database. */
export type WorkerEnv = {
  /** D1 database (wrangler.toml `[[d1_databases]]`); used unless DATABASE_URL is set. */
  DB?: D1Database;
  /** Turso/libSQL over HTTP (secrets); DATABASE_URL wins over DB when set. */
  DATABASE_URL?: string;
  DATABASE_AUTH_TOKEN?: string;
  /** Workers AI (wrangler.toml `[ai]`), for EMBEDDINGS_PROVIDER=workers-ai. */
  AI?: Ai;
  /** Every other variable of config.ts (CORS_ORIGINS, LOG_LEVEL, LLM_PROVIDER, …) as a string. */
  LOG_LEVEL?: string;
};

// One set of dependencies per isolate, reused by every later request in it.
let isolateDeps: Deps | undefined;

function openDatabase(env: RuntimeEnv, bindings: WorkerEnv): Db {
  const choice = chooseWorkerDatabase(env, bindings.DB !== undefined);
  if (choice.kind === 'd1' && bindings.DB) return createD1Db(bindings.DB);
  if (choice.kind === 'd1') throw new Error('worker: the D1 binding DB is missing');
  return createDb(createClient({ url: choice.url, ...(choice.authToken ? { authToken: choice.authToken } : {}) }));
}

/** The isolate's dependencies, built on first use from the bindings. Exported for the workerd tests. */
export function resolveWorkerDeps(bindings: WorkerEnv): Deps {
  if (isolateDeps) return isolateDeps;
  let env: RuntimeEnv;
  let db: Db;
  let semantic: Deps['semantic'];
  try {
    env = readEnv(bindings);
    db = openDatabase(env, bindings);
    // An isolate has 128 MB: vectors get a quarter (about 5k articles at 1024 dimensions).
    semantic = createSemanticSearch(env, bindings, { maxBytes: 32 * 1024 * 1024 });
  } catch (error) {
    // No logger yet and the app's error handler has no deps: say why every request fails.
    console.error(JSON.stringify({ level: 'error', msg: 'worker: invalid configuration', error: String(error) }));
    throw error;
  }
  const logger = createLogger({ level: env.LOG_LEVEL ?? 'info' });
  isolateDeps = {
    db,
    clock: systemClock,
    newId,
    config: toAppConfig(env),
    logger,
    // Loaded from the database on the first search, then refreshed by a cheap version check.
    search: new SearchIndex(),
    events: new EventBus(),
    chatModel: createChatModel(env),
    semantic,
    background: new BackgroundTasks((error) => logger.error('background task failed', { error: String(error) }), { waitUntil }),
  };
  return isolateDeps;
}

// The platform compresses responses (and would gzip an already gzipped body a second time).
const app = createApp({ resolveDeps: (env) => resolveWorkerDeps(env as WorkerEnv), compress: false });

export default {
  fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Response | Promise<Response> {
    return app.fetch(request, env, ctx);
  },

  scheduled(controller: ScheduledController, env: WorkerEnv, ctx: ExecutionContext): void {
    const deps = resolveWorkerDeps(env);
    ctx.waitUntil(
      runScheduled(deps, controller.cron).catch((error: unknown) => {
        deps.logger.error('scheduled job failed', { cron: controller.cron, error: String(error) });
        throw error;
      }),
    );
  },
};
