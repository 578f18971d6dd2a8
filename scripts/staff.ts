/**
 * Staff accounts from the command line (the recovery path when no admin token is at hand):
 *   npm run staff -- add --name "Li Wei" --role editor [--email li@example.com]
 *   npm run staff -- list
 *   npm run staff -- deactivate <id>
 */
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { STAFF_ROLES, staffUsers, type StaffRole } from '../src/db/schema/index.js';
import { createStaff, listStaff } from '../src/features/auth/auth.service.js';
import { openNodeDeps } from '../src/runtime/node-deps.js';

const USAGE = `usage:
  npm run staff -- add --name NAME --role ${STAFF_ROLES.join('|')} [--email EMAIL]
  npm run staff -- list
  npm run staff -- deactivate ID`;

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { name: { type: 'string' }, role: { type: 'string' }, email: { type: 'string' } },
  });
  const [command, arg] = positionals;
  const { deps, client } = await openNodeDeps({ ...process.env, LOG_LEVEL: 'warn' });
  try {
    if (command === 'add') {
      const role = values.role as StaffRole | undefined;
      if (!values.name || !role || !STAFF_ROLES.includes(role)) throw new Error(`staff: --name and a valid --role are required\n${USAGE}`);
      const { staff, token } = await createStaff(deps, { name: values.name, role, email: values.email ?? null }, null);
      console.log(`Created ${staff.role} ${staff.name} (${staff.id}).\nAPI token (shown only now):\n  ${token}`);
    } else if (command === 'list') {
      for (const s of await listStaff(deps.db)) {
        console.log([s.id, s.role.padEnd(6), s.active ? 'active  ' : 'inactive', s.tokenPrefix + '…', s.name, s.email ?? ''].join('  '));
      }
    } else if (command === 'deactivate' && arg) {
      const [row] = await deps.db.update(staffUsers).set({ active: false }).where(eq(staffUsers.id, arg)).returning();
      if (!row) throw new Error(`staff: no staff member ${arg}`);
      console.log(`Deactivated ${row.name}; their token no longer works.`);
    } else {
      throw new Error(USAGE);
    }
  } finally {
    client.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
