/**
 * Test helpers for several app instances over one database (as isolates share D1 or Turso):
 * each instance has its own client, deps and search index; the database is a libSQL file.
 * Also a database handle that records the SQL it runs, to prove what a cold start reads.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient, type Client, type InStatement } from '@libsql/client';
import { createApp } from '../../src/app.js';
import { createDb } from '../../src/db/client.js';
import type { Deps } from '../../src/deps.js';
import { SearchIndex } from '../../src/features/search/search.index.js';
import { localDeps } from '../../src/runtime/memory.js';
import { applyMigrations } from '../../src/runtime/migrate.js';

/** A fresh directory for a database file; `cleanup` removes it. */
export async function tempDatabase() {
  const dir = await mkdtemp(path.join(tmpdir(), 'helpdesk-search-'));
  return { url: `file:${path.join(dir, 'db.sqlite')}`, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A client that records the SQL of every statement it runs (single or batched). */
export function recordingClient(client: Client): { client: Client; sql: string[] } {
  const sql: string[] = [];
  const text = (s: InStatement) => (typeof s === 'string' ? s : s.sql);
  const wrapped = new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === 'execute') return (s: InStatement) => (sql.push(text(s)), target.execute(s));
      if (prop === 'batch') return (stmts: InStatement[], mode?: Parameters<Client['batch']>[1]) => (sql.push(...stmts.map(text)), target.batch(stmts, mode));
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { client: wrapped, sql };
}

/** One instance of the app over the database at `url` (migrations applied if needed). */
export async function openInstance(url: string, search: SearchIndex = new SearchIndex()) {
  const raw = createClient({ url });
  await raw.execute('PRAGMA journal_mode = WAL');
  await raw.execute('PRAGMA busy_timeout = 5000');
  const recorded = recordingClient(raw);
  const db = createDb(recorded.client);
  await applyMigrations(db);
  const deps: Deps = localDeps(db, { search });
  const app = createApp({ resolveDeps: () => deps });
  const request = (p: string, init: RequestInit & { token?: string } = {}) => {
    const { token, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (token) headers.set('Authorization', `Bearer ${token}`);
    if (typeof rest.body === 'string' && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
    return app.request(p, { ...rest, headers });
  };
  return { deps, client: raw, sql: recorded.sql, request, close: () => raw.close() };
}
