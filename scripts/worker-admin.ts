/**
 * Creates an admin in the Worker's D1 database and prints their API token once (the D1 twin of
 * `npm run staff -- add`, which works on libSQL/Turso):
 *   npm run worker:admin -- [--remote] [--name "Li Wei"] [--role admin|editor|agent]
 * Without --remote it writes to the local D1 of `wrangler dev` / `npm run dev:worker`.
 */
import { parseArgs } from 'node:util';
import { STAFF_ROLES, type StaffRole } from '../src/db/schema/index.js';
import { createD1Staff } from './lib/d1-staff.js';

async function main() {
  const { values } = parseArgs({ options: { remote: { type: 'boolean', default: false }, name: { type: 'string', default: 'Administrator' }, role: { type: 'string', default: 'admin' } } });
  const role = values.role as StaffRole;
  if (!STAFF_ROLES.includes(role)) throw new Error(`worker:admin: --role must be one of ${STAFF_ROLES.join(', ')}`);
  const { id, token } = await createD1Staff(values.name, role, { remote: values.remote });
  console.log(`Created ${role} ${values.name} (${id}) in the ${values.remote ? 'remote' : 'local'} D1 database.\nAPI token (shown only now):\n  ${token}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
