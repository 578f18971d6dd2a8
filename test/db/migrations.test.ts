import { createClient } from '@libsql/client';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client.js';
import { applyMigrations } from '../../src/runtime/migrate.js';

describe('migrations', () => {
  it('apply from zero and create every table', async () => {
    const client = createClient({ url: ':memory:' });
    const db = createDb(client);
    await applyMigrations(db);
    const { rows } = await client.execute("select name from sqlite_master where type = 'table' order by name");
    const names = rows.map((r) => r.name);
    for (const table of ['articles', 'article_revisions', 'categories', 'staff_users', 'audit_log']) {
      expect(names).toContain(table);
    }
  });

  it('are a no-op when applied again', async () => {
    const client = createClient({ url: ':memory:' });
    const db = createDb(client);
    await applyMigrations(db);
    const before = await client.execute('select count(*) as n from __drizzle_migrations');
    await applyMigrations(db);
    const after = await client.execute('select count(*) as n from __drizzle_migrations');
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
    expect(Number(after.rows[0]!.n)).toBeGreaterThan(0);
  });

  it('enforce the unique slug per locale', async () => {
    const client = createClient({ url: ':memory:' });
    const db = createDb(client);
    await applyMigrations(db);
    await client.execute(`insert into categories (slug, position, names, descriptions, updated_at) values ('c', 0, '{}', '{}', 0)`);
    const insert = (id: string, locale: string) =>
      client.execute({
        sql: `insert into articles (id, slug, locale, translation_group, title, body, category, content_hash, created_at, updated_at)
              values (?, 'same', ?, 'g', 't', 'b', 'c', 'h', 0, 0)`,
        args: [id, locale],
      });
    await insert('a1', 'en');
    await insert('a2', 'zh');
    await expect(insert('a3', 'en')).rejects.toThrow(/UNIQUE/);
  });
});
