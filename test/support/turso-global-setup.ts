/**
 * Global setup of the workerd "Turso" project (vitest.workers.config.ts): a libSQL database
 * with the real migrations, served over Hrana HTTP on a free local port, whose URL the Worker
 * gets as DATABASE_URL.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from '@libsql/client';
import type { TestProject } from 'vitest/node';
import { createDb } from '../../src/db/client.js';
import { applyMigrations } from '../../src/runtime/migrate.js';
import { startHranaServer } from './hrana-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    tursoUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = await mkdtemp(path.join(tmpdir(), 'helpdesk-turso-'));
  const url = `file:${path.join(dir, 'turso.db')}`;
  const migrating = createClient({ url });
  await applyMigrations(createDb(migrating));
  migrating.close();
  // bigint integers, so the server can tell Hrana integers from floats.
  const client = createClient({ url, intMode: 'bigint' });
  const served = await startHranaServer(client);
  project.provide('tursoUrl', served.url);
  return async () => {
    await new Promise<void>((resolve) => served.server.close(() => resolve()));
    client.close();
    await rm(dir, { recursive: true, force: true });
  };
}
