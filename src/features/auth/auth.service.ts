import { and, asc, count, eq, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { staffUsers, type StaffRole, type StaffRow } from '../../db/schema/index.js';
import type { Deps, Staff } from '../../deps.js';
import { AppError } from '../../lib/errors.js';
import { generateToken, hashToken } from '../../lib/tokens.js';
import { auditStatement, recordAudit } from '../audit/audit.service.js';

const ROLE_RANK: Record<StaffRole, number> = { agent: 1, editor: 2, admin: 3 };
const TOKEN_PREFIX = 'ehd';
/** How stale `last_seen_at` may get before a request refreshes it (saves a write per request). */
const LAST_SEEN_RESOLUTION_MS = 5 * 60_000;

/** True when `role` is at least `required` (agent < editor < admin). */
export const hasRole = (role: StaffRole, required: StaffRole) => ROLE_RANK[role] >= ROLE_RANK[required];

export type CreateStaffInput = { name: string; email?: string | null; role: StaffRole };
export type StaffView = Omit<StaffRow, 'tokenHash'>;

const toView = ({ tokenHash: _hash, ...rest }: StaffRow): StaffView => rest;

/**
 * Creates a staff member with a fresh API token. The token is returned once and only its hash
 * is stored, so it cannot be shown again.
 */
export async function createStaff(
  deps: Pick<Deps, 'db' | 'clock' | 'newId'>,
  input: CreateStaffInput,
  actorId: string | null,
): Promise<{ staff: StaffView; token: string }> {
  const token = generateToken(TOKEN_PREFIX);
  const now = deps.clock.now();
  const row: StaffRow = {
    id: deps.newId(),
    name: input.name,
    email: input.email ?? null,
    role: input.role,
    tokenHash: await hashToken(token),
    tokenPrefix: token.slice(0, TOKEN_PREFIX.length + 7),
    active: true,
    createdAt: now,
    lastSeenAt: null,
  };
  if (row.email) {
    const [taken] = await deps.db.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.email, row.email));
    if (taken) {
      throw new AppError('conflict', `A staff member with email ${row.email} already exists`, {
        errors: [{ path: 'body.email', message: 'Already in use' }],
      });
    }
  }
  await deps.db.batch([
    deps.db.insert(staffUsers).values(row),
    auditStatement(deps.db, now, {
      actorId,
      action: 'staff.create',
      entityType: 'staff',
      entityId: row.id,
      summary: `${row.name} (${row.role})`,
    }),
  ]);
  return { staff: toView(row), token };
}

/** The active staff member holding `token`, or undefined. */
export async function authenticateToken(deps: Pick<Deps, 'db' | 'clock'>, token: string): Promise<Staff | undefined> {
  const [row] = await deps.db
    .select({ id: staffUsers.id, name: staffUsers.name, role: staffUsers.role, lastSeenAt: staffUsers.lastSeenAt })
    .from(staffUsers)
    .where(and(eq(staffUsers.tokenHash, await hashToken(token)), eq(staffUsers.active, true)));
  if (!row) return undefined;
  const now = deps.clock.now();
  if (!row.lastSeenAt || now.getTime() - row.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    await deps.db
      .update(staffUsers)
      .set({ lastSeenAt: now })
      .where(
        and(
          eq(staffUsers.id, row.id),
          or(isNull(staffUsers.lastSeenAt), lt(staffUsers.lastSeenAt, new Date(now.getTime() - LAST_SEEN_RESOLUTION_MS))),
        ),
      );
  }
  return { id: row.id, name: row.name, role: row.role };
}

export async function listStaff(db: Db): Promise<StaffView[]> {
  const rows = await db.select().from(staffUsers).orderBy(asc(staffUsers.createdAt));
  return rows.map(toView);
}

/** Activates or deactivates a staff member; a deactivated token stops working at once. */
export async function setStaffActive(
  deps: Pick<Deps, 'db' | 'clock'>,
  id: string,
  active: boolean,
  actor: Staff,
): Promise<StaffView> {
  if (id === actor.id && !active) {
    throw new AppError('conflict', 'You cannot deactivate your own account', {
      errors: [{ path: 'path.id', message: 'Is the caller' }],
    });
  }
  const [row] = await deps.db.update(staffUsers).set({ active }).where(eq(staffUsers.id, id)).returning();
  if (!row) throw new AppError('not_found', `No staff member ${id}`);
  await recordAudit(deps.db, deps.clock.now(), {
    actorId: actor.id,
    action: active ? 'staff.activate' : 'staff.deactivate',
    entityType: 'staff',
    entityId: id,
    summary: row.name,
  });
  return toView(row);
}

/**
 * On a new installation (no active admin), creates the first admin and returns its token so
 * the runtime can print it once. Returns undefined when an active admin already exists.
 */
export async function ensureBootstrapAdmin(deps: Pick<Deps, 'db' | 'clock' | 'newId'>): Promise<string | undefined> {
  const [row] = await deps.db
    .select({ n: count() })
    .from(staffUsers)
    .where(and(eq(staffUsers.role, 'admin'), eq(staffUsers.active, true)));
  if ((row?.n ?? 0) > 0) return undefined;
  const { token } = await createStaff(deps, { name: 'Administrator', role: 'admin' }, null);
  return token;
}
