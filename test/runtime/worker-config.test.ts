/** The Worker's runtime choices that can be checked on Node: which database, which cron job. */
import { describe, expect, it } from 'vitest';
import { searchLog } from '../../src/db/schema/index.js';
import { chooseWorkerDatabase, readEnv } from '../../src/runtime/config.js';
import { CRON_PUBLISH_DUE, CRON_PURGE_SEARCH_LOG, runScheduled } from '../../src/runtime/housekeeping.js';
import { createTestDeps } from '../helpers.js';

describe('chooseWorkerDatabase', () => {
  it('uses Turso when DATABASE_URL is set, D1 otherwise, and refuses neither or a file', () => {
    expect(chooseWorkerDatabase(readEnv({ DATABASE_URL: 'libsql://db.turso.io', DATABASE_AUTH_TOKEN: 't' }), true)).toEqual({ kind: 'libsql', url: 'libsql://db.turso.io', authToken: 't' });
    expect(chooseWorkerDatabase(readEnv({}), true)).toEqual({ kind: 'd1' });
    expect(() => chooseWorkerDatabase(readEnv({}), false)).toThrow(/D1 database as DB/);
    expect(() => chooseWorkerDatabase(readEnv({ DATABASE_URL: 'file:./data/x.db' }), true)).toThrow(/no files in an isolate/);
  });
});

describe('runScheduled', () => {
  it('runs the job its cron names, and both for an unknown cron', async () => {
    const { deps, clock } = await createTestDeps();
    const old = new Date(clock.now().getTime() - 400 * 86_400_000);
    const addOld = (id: string) => deps.db.insert(searchLog).values({ id, query: 'q', locale: 'en', audience: 'public', resultCount: 0, topIds: [], tookMs: 1, at: old });
    await addOld('a');
    expect(await runScheduled(deps, CRON_PUBLISH_DUE)).toEqual({ published: 0, purged: 0 });
    expect(await runScheduled(deps, CRON_PURGE_SEARCH_LOG)).toEqual({ published: 0, purged: 1 });
    await addOld('b');
    expect(await runScheduled(deps, '*/5 * * * *')).toEqual({ published: 0, purged: 1 });
  });
});
