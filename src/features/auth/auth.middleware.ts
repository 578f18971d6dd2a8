import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { StaffRole } from '../../db/schema/index.js';
import type { AppEnv, Staff } from '../../deps.js';
import { AppError } from '../../lib/errors.js';
import { authenticateToken, hasRole } from './auth.service.js';

/**
 * Reads an optional `Authorization: Bearer <token>` and sets `c.var.staff`. No header means an
 * anonymous customer; a header with a bad token is a 401, never silently anonymous.
 */
export const identifyStaff = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('Authorization');
  if (header === undefined) {
    c.set('staff', undefined);
    return next();
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw new AppError('unauthorized', 'auth: the Authorization header must be "Bearer <token>"');
  const staff = await authenticateToken(c.var.deps, match[1]);
  if (!staff) throw new AppError('unauthorized', 'auth: the staff token is invalid or deactivated');
  c.set('staff', staff);
  return next();
});

/** Lets the request through only for staff of at least `role` (agent < editor < admin). */
export const requireRole = (role: StaffRole) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const staff = c.var.staff;
    if (!staff) throw new AppError('unauthorized', `auth: this endpoint needs a staff token (${role} or above)`);
    if (!hasRole(staff.role, role)) {
      throw new AppError('forbidden', `auth: this endpoint needs the ${role} role; your role is ${staff.role}`);
    }
    return next();
  });

/** The signed-in staff member; for handlers behind `requireRole`. */
export function currentStaff(c: Context<AppEnv>): Staff {
  if (!c.var.staff) throw new AppError('unauthorized', 'auth: this endpoint needs a staff token');
  return c.var.staff;
}
