import { createClient, type Client } from '@libsql/client';
import { createDb, type Db } from '../db/client.js';
import { DEFAULT_CONFIG, type AppConfig, type Deps } from '../deps.js';
import { SearchIndex } from '../features/search/search.index.js';
import { BackgroundTasks } from '../lib/background.js';
import { EventBus } from '../lib/events.js';
import { systemClock } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import { silentLogger } from '../lib/logger.js';
import { applyMigrations } from './migrate.js';

export type MemoryDepsOverrides = Partial<Omit<Deps, 'config'>> & { config?: Partial<AppConfig> };

/**
 * Deps around a database for in-process use (tests, the evaluation harness, benchmarks): system
 * clock, silent logger, a fresh search index and event bus, background errors thrown.
 */
export function localDeps(db: Db, overrides: MemoryDepsOverrides = {}): Deps {
  return {
    db,
    clock: systemClock,
    newId,
    logger: silentLogger,
    search: new SearchIndex(),
    events: new EventBus(),
    background: new BackgroundTasks((error) => {
      throw error;
    }),
    ...overrides,
    config: { ...DEFAULT_CONFIG, ...overrides.config },
  };
}

/**
 * Deps over a fresh in-memory libSQL database with the real migrations: for tests, the
 * evaluation harness and benchmarks. Nothing is shared between two calls.
 */
export async function createMemoryDeps(overrides: MemoryDepsOverrides = {}): Promise<{ deps: Deps; client: Client }> {
  const client = createClient({ url: ':memory:' });
  await client.execute('PRAGMA foreign_keys = ON');
  const db = createDb(client);
  await applyMigrations(db);
  const deps = localDeps(db, overrides);
  return { deps, client };
}
