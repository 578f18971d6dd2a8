/**
 * What an agent's desk needs besides the queue itself: the colleagues a case can be transferred
 * to, and the messages of one case after a cursor (for the case's live stream).
 */
import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import { messages, staffUsers, type MessageRow } from '../../db/schema/index.js';
import type { Db } from '../../db/client.js';

export type Colleague = { id: string; name: string; role: 'agent' | 'editor' | 'admin' };

/** Active staff members, by name: anyone of them can own a case (every role ranks at least agent). */
export async function listColleagues(db: Db): Promise<Colleague[]> {
  return db
    .select({ id: staffUsers.id, name: staffUsers.name, role: staffUsers.role })
    .from(staffUsers)
    .where(eq(staffUsers.active, true))
    .orderBy(asc(staffUsers.name), asc(staffUsers.id));
}

/** A conversation's messages, internal notes included, after `after` (ids sort by time). */
export async function listCaseMessages(db: Db, conversationId: string, after?: string): Promise<MessageRow[]> {
  const conditions: SQL[] = [eq(messages.conversationId, conversationId)];
  if (after) conditions.push(gt(messages.id, after));
  return db
    .select()
    .from(messages)
    .where(and(...conditions))
    .orderBy(asc(messages.id));
}
