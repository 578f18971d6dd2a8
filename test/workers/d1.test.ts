/** The D1 driver under the product's Db type: what differs from libSQL and how it is bridged. */
import { env } from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createD1Db } from '../../src/db/client.js';
import { auditLog } from '../../src/db/schema/index.js';

describe('Db over D1', () => {
  const db = createD1Db(env.DB);

  it('batches raw statements with parameters, as libSQL does (drizzle 0.45 cannot on D1 alone)', async () => {
    const at = Date.now();
    await db.batch([
      db.run(sql`INSERT INTO audit_log (actor_id, action, entity_type, summary, at) VALUES (NULL, ${'probe.raw'}, ${'test'}, ${'raw in a batch'}, ${at})`),
      db.insert(auditLog).values({ actorId: null, action: 'probe.builder', entityType: 'test', summary: '', at: new Date(at) }),
    ]);
    const rows = await db.select({ action: auditLog.action }).from(auditLog).where(sql`${auditLog.entityType} = 'test'`);
    expect(rows.map((r) => r.action).sort()).toEqual(['probe.builder', 'probe.raw']);
  });

  it('rolls the whole batch back when one statement fails', async () => {
    await expect(
      db.batch([db.insert(auditLog).values({ actorId: null, action: 'probe.rollback', entityType: 'test2', summary: '', at: new Date() }), db.run(sql`INSERT INTO no_such_table VALUES (${1})`)]),
    ).rejects.toThrow();
    expect(await db.select().from(auditLog).where(sql`${auditLog.entityType} = 'test2'`)).toEqual([]);
  });

  it('refuses more than 100 bound parameters in one statement (so the code chunks its IN lists)', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `x${i}`);
    const error = await db.run(sql`SELECT 1 WHERE 'a' IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`).then(
      () => undefined,
      (e: unknown) => e as { cause?: unknown },
    );
    expect(String(error?.cause)).toMatch(/too many SQL variables/);
  });
});
