import type { Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
/** The database handle every service takes as its first argument. */
export type Db = LibSQLDatabase<Schema>;

/**
 * Wraps a libSQL client (embedded file, `:memory:`, or Turso over HTTP) in drizzle.
 * The caller owns the client: create it once per process or isolate, never per request.
 */
export function createDb(client: Client): Db {
  return drizzle(client, { schema });
}
