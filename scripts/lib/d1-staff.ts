/**
 * Staff accounts in a D1 database from the command line. The row is made by the product's own
 * `createStaff` in a scratch in-memory database, then written to D1 with `wrangler d1 execute`:
 * the token is generated and hashed here and never leaves this machine.
 */
import { eq } from 'drizzle-orm';
import { staffUsers, type StaffRole } from '../../src/db/schema/index.js';
import { createStaff } from '../../src/features/auth/auth.service.js';
import { createMemoryDeps } from '../../src/runtime/memory.js';
import { inlineSql, queryD1, type D1Target } from './wrangler.js';

/** Creates a staff member in D1 and returns their id and API token (shown once). */
export async function createD1Staff(name: string, role: StaffRole, target: D1Target): Promise<{ id: string; token: string }> {
  const { deps, client } = await createMemoryDeps();
  try {
    const { staff, token } = await createStaff(deps, { name, role }, null);
    const [row] = await deps.db.select().from(staffUsers).where(eq(staffUsers.id, staff.id));
    await queryD1(inlineSql(deps.db.insert(staffUsers).values(row!).toSQL()), target);
    return { id: staff.id, token };
  } finally {
    client.close();
  }
}

/** Deactivates a staff member in D1 (their token stops working at once). */
export async function deactivateD1Staff(id: string, target: D1Target): Promise<void> {
  await queryD1(`UPDATE staff_users SET active = 0 WHERE id = '${id.replaceAll("'", "''")}'`, target);
}

/** How many active admins the D1 database has. */
export async function countD1Admins(target: D1Target): Promise<number> {
  const [row] = await queryD1<{ n: number }>("SELECT count(*) AS n FROM staff_users WHERE role = 'admin' AND active = 1", target);
  return row?.n ?? 0;
}

/** How many articles the D1 database has. */
export async function countD1Articles(target: D1Target): Promise<number> {
  const [row] = await queryD1<{ n: number }>('SELECT count(*) AS n FROM articles', target);
  return row?.n ?? 0;
}
