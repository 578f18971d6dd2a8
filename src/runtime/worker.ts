import { createClient } from '@libsql/client/web';
import { createApp } from '../app.js';
import { createDb } from '../db/client.js';
import type { Deps } from '../deps.js';
import { SearchIndex } from '../features/search/search.index.js';
import { BackgroundTasks } from '../lib/background.js';
import { EventBus } from '../lib/events.js';
import { systemClock } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import { createLogger } from '../lib/logger.js';
import { createChatModel } from './llm.js';
import { readEnv, toAppConfig } from './config.js';

/** Worker bindings: vars from wrangler.toml, secrets from `wrangler secret put`. */
export type WorkerEnv = {
  DATABASE_URL?: string;
  DATABASE_AUTH_TOKEN?: string;
  CORS_ORIGINS?: string;
  PUBLIC_BASE_URL?: string;
  LOG_LEVEL?: string;
};

// One set of dependencies per isolate: the libSQL client is created on the first request
// (bindings are only available then) and reused by every later request in this isolate.
let deps: Deps | undefined;

function resolveDeps(bindings: unknown): Deps {
  if (deps) return deps;
  const env = readEnv((bindings ?? {}) as Record<string, unknown>);
  if (!env.DATABASE_URL) throw new Error('worker: DATABASE_URL is not set (wrangler secret put DATABASE_URL)');
  // Migrations are applied by the deploy step, not here: an isolate must start fast.
  const client = createClient({ url: env.DATABASE_URL, ...(env.DATABASE_AUTH_TOKEN ? { authToken: env.DATABASE_AUTH_TOKEN } : {}) });
  const logger = createLogger({ level: env.LOG_LEVEL ?? 'info' });
  const created: Deps = {
    db: createDb(client),
    clock: systemClock,
    newId,
    config: toAppConfig(env),
    logger,
    // Loaded from the database on the first search, then refreshed by a cheap version check.
    search: new SearchIndex(),
    events: new EventBus(),
    chatModel: createChatModel(env),
    background: new BackgroundTasks((error) => logger.error('background task failed', { error: String(error) })),
  };
  deps = created;
  return created;
}

const app = createApp({ resolveDeps });

export default app;
