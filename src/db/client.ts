/**
 * The database handle services take, over either driver the product runs on:
 * libSQL (embedded file, `:memory:`, Turso over HTTP) or Cloudflare D1. Both are drizzle
 * SQLite async databases with `batch()`; the rest of the code never knows which one it has.
 */
import type { Client } from '@libsql/client';
import { drizzle as drizzleD1, type AnyD1Database } from 'drizzle-orm/d1';
import { drizzle as drizzleLibsql, type LibSQLDatabase } from 'drizzle-orm/libsql';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import * as schema from './schema/index.js';

export type Schema = typeof schema;

/**
 * The database handle every service takes as its first argument.
 * `transaction()` is left out on purpose: D1 rejects BEGIN, and interactive transactions
 * over HTTP hold a connection open. Atomic writes use one conditional statement
 * (`UPDATE … WHERE status = 'waiting' RETURNING`) or `batch()`, which every driver runs
 * as one transaction.
 */
export type Db = Omit<BaseSQLiteDatabase<'async', unknown, Schema>, 'transaction'> & {
  batch: LibSQLDatabase<Schema>['batch'];
};

/** A libSQL-backed handle: what the Node runtime, tests and the migrator use. */
export type LibsqlDb = LibSQLDatabase<Schema>;

/**
 * Wraps a libSQL client (embedded file, `:memory:`, or Turso over HTTP) in drizzle.
 * The caller owns the client: create it once per process or isolate, never per request.
 */
export function createDb(client: Client): LibsqlDb {
  return drizzleLibsql(client, { schema });
}

/** Wraps a D1 binding (`env.DB` on Workers) in drizzle. Bindings live as long as the isolate. */
export function createD1Db(binding: AnyD1Database): Db {
  return drizzleD1(binding, { schema });
}
