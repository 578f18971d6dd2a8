/**
 * The database handle services take, over either driver the product runs on:
 * libSQL (embedded file, `:memory:`, Turso over HTTP) or Cloudflare D1. Both are drizzle
 * SQLite async databases with `batch()`; the rest of the code never knows which one it has.
 */
import type { Client } from '@libsql/client';
import { is } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { drizzle as drizzleD1, type AnyD1Database } from 'drizzle-orm/d1';
import { drizzle as drizzleLibsql, type LibSQLDatabase } from 'drizzle-orm/libsql';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { SQLiteRaw } from 'drizzle-orm/sqlite-core/query-builders/raw';
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

/** The part of a D1 binding the batch shim below needs. */
type D1Prepare = { prepare: (sql: string) => unknown };

/**
 * Wraps a D1 binding (`env.DB` on Workers) in drizzle. Bindings live as long as the isolate.
 * drizzle-orm 0.45's D1 batch cannot run a raw statement with parameters (`db.run(sql`…${x}`)`:
 * it binds them on a prepared statement a raw query does not have) while libSQL's can; the shim
 * gives such items their D1 statement, so the same batches run on both drivers.
 */
export function createD1Db(binding: AnyD1Database): Db {
  const db = drizzleD1(binding, { schema });
  const batch = db.batch.bind(db);
  const client = binding as D1Prepare;
  const withStatement = (item: BatchItem<'sqlite'>) => {
    // `stmt` is what drizzle's D1 session reads from a prepared query (a raw query is its own).
    if (is(item, SQLiteRaw)) Object.assign(item, { stmt: client.prepare(item.getQuery().sql) });
    return item;
  };
  db.batch = ((items: readonly BatchItem<'sqlite'>[]) => batch(items.map(withStatement) as never)) as typeof db.batch;
  return db;
}
