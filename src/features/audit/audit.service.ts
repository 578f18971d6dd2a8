import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditLog } from '../../db/schema/index.js';

export type AuditEntry = {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  summary?: string;
};

/** The insert statement for one audit entry, so callers can put it in the same batch as the change. */
export function auditStatement(db: Db, at: Date, entry: AuditEntry) {
  return db.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    summary: entry.summary ?? '',
    at,
  });
}

/** Records one audit entry on its own. Prefer `auditStatement` inside a batch with the change. */
export async function recordAudit(db: Db, at: Date, entry: AuditEntry): Promise<void> {
  await auditStatement(db, at, entry);
}

export type AuditFilter = { entityType?: string | undefined; entityId?: string | undefined; from?: Date | undefined; to?: Date | undefined; limit?: number };

export async function listAudit(db: Db, filter: AuditFilter = {}) {
  const conditions: SQL[] = [];
  if (filter.entityType) conditions.push(eq(auditLog.entityType, filter.entityType));
  if (filter.entityId) conditions.push(eq(auditLog.entityId, filter.entityId));
  if (filter.from) conditions.push(gte(auditLog.at, filter.from));
  if (filter.to) conditions.push(lt(auditLog.at, filter.to));
  return db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(filter.limit ?? 100);
}
