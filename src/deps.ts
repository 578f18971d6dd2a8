import type { Db } from './db/client.js';
import type { StaffRow } from './db/schema/index.js';
import type { SearchIndex } from './features/search/search.index.js';
import type { BackgroundTasks } from './lib/background.js';
import type { Clock } from './lib/clock.js';
import type { Logger } from './lib/logger.js';

/** Settings read by the runtime entry from the environment or Worker bindings. */
export type AppConfig = {
  /** Origins allowed by CORS; `['*']` allows any (the API uses bearer tokens, not cookies). */
  corsOrigins: string[];
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
  /** Public base URL used in links (citations, canonical URLs). Empty: derive from the request. */
  publicBaseUrl: string;
  /** Days a search-log row is kept for analytics before it is purged. */
  searchLogRetentionDays: number;
  /** Requests per minute one anonymous client may make to each public API family. */
  rateLimitPerMinute: number;
};

export const DEFAULT_CONFIG: AppConfig = {
  corsOrigins: ['*'],
  maxBodyBytes: 256 * 1024,
  publicBaseUrl: '',
  searchLogRetentionDays: 90,
  rateLimitPerMinute: 120,
};

/**
 * Everything a service may depend on, built once per process (Node) or isolate (Workers) by
 * the runtime entry and reached through `c.var.deps`. Tests build their own and swap any part.
 */
export type Deps = {
  db: Db;
  clock: Clock;
  /** New unique, time-ordered id. */
  newId: () => string;
  config: AppConfig;
  logger: Logger;
  /** The live search index of this process or isolate. */
  search: SearchIndex;
  /** Work that must not delay a response. */
  background: BackgroundTasks;
};

/** The authenticated staff member, when the request carried a valid bearer token. */
export type Staff = Pick<StaffRow, 'id' | 'name' | 'role'>;

export type AppEnv = {
  Bindings: object;
  Variables: {
    deps: Deps;
    staff: Staff | undefined;
    requestId: string;
  };
};
