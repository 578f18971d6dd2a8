import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns.js';

export const STAFF_ROLES = ['agent', 'editor', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Agents, editors and admins. Only the SHA-256 of an API token is stored. */
export const staffUsers = sqliteTable('staff_users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').unique(),
  role: text('role', { enum: STAFF_ROLES }).notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  /** First characters of the token, to tell tokens apart in lists without revealing them. */
  tokenPrefix: text('token_prefix').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: timestamp('created_at').notNull(),
  lastSeenAt: timestamp('last_seen_at'),
});

/** Who did what to which entity, for admins and editors. Append-only. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    summary: text('summary').notNull().default(''),
    at: timestamp('at').notNull(),
  },
  (t) => [index('audit_log_entity_idx').on(t.entityType, t.entityId), index('audit_log_at_idx').on(t.at)],
);

export type StaffRow = typeof staffUsers.$inferSelect;

/** Workspace settings (key → JSON value), e.g. `review_required`. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).$type<unknown>().notNull(),
  updatedBy: text('updated_by'),
  updatedAt: timestamp('updated_at').notNull(),
});
