import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { createDb } from '../db/client.js';
import type { Deps } from '../deps.js';
import { SearchIndex } from '../features/search/search.index.js';
import { BackgroundTasks } from '../lib/background.js';
import { EventBus } from '../lib/events.js';
import { systemClock } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import { createLogger } from '../lib/logger.js';
import { createChatModel } from './llm.js';
import { createSemanticSearch } from './embeddings.js';
import { readEnv, toAppConfig, type RuntimeEnv } from './config.js';
import { applyMigrations } from './migrate.js';

export const DEFAULT_DATABASE_URL = 'file:./data/helpdesk.db';

/**
 * Opens the database named by DATABASE_URL (an embedded file by default, or Turso over
 * libsql:// / https://), applies pending migrations and returns the app's dependencies.
 */
export async function openNodeDeps(source: Record<string, string | undefined> = process.env): Promise<{
  deps: Deps;
  client: Client;
  env: RuntimeEnv;
}> {
  const env = readEnv(source);
  const url = env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const embedded = url.startsWith('file:');
  if (embedded) {
    const file = url.slice('file:'.length).replace(/^\/\//, '');
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  }
  const client = createClient({ url, ...(env.DATABASE_AUTH_TOKEN ? { authToken: env.DATABASE_AUTH_TOKEN } : {}) });
  if (embedded) {
    // WAL lets readers run during a write; D1 and Turso manage this themselves.
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('PRAGMA synchronous = NORMAL');
    await client.execute('PRAGMA busy_timeout = 5000');
  }
  await client.execute('PRAGMA foreign_keys = ON');
  const db = createDb(client);
  await applyMigrations(db);
  const logger = createLogger({ level: env.LOG_LEVEL ?? 'info' });
  const deps: Deps = {
    db,
    clock: systemClock,
    newId,
    config: toAppConfig(env),
    logger,
    // Filled from the database by the first refresh (see node.ts), then kept up to date.
    search: new SearchIndex(),
    events: new EventBus(),
    chatModel: createChatModel(env),
    semantic: createSemanticSearch(env),
    background: new BackgroundTasks((error) => logger.error('background task failed', { error: String(error) })),
  };
  return { deps, client, env };
}
