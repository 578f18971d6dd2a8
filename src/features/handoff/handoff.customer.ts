/**
 * The customer's view of their case: whether a person has it yet, when the first contact is
 * due (the honest wait the chat widget shows), whether agents are working right now (if not,
 * the widget offers a callback), and whether the resolved case still awaits a rating.
 * Nothing internal (severity, queue, notes) is shown.
 */
import { desc, eq } from 'drizzle-orm';
import { handoffs, staffUsers } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { isOpen, nextOpening } from '../../lib/service-calendar.js';

export type CustomerHandoff = {
  status: 'waiting' | 'claimed' | 'resolved';
  agent_name: string | null;
  first_response_due: string;
  first_response_at: string | null;
  resolution_due: string;
  resolved_at: string | null;
  rated: boolean;
  agents_working_now: boolean;
  next_opening: string;
};

/** The conversation's latest handoff as its customer may see it, or null when it never had one. */
export async function getCustomerHandoff(deps: Pick<Deps, 'db' | 'clock' | 'config'>, conversationId: string): Promise<CustomerHandoff | null> {
  const [row] = await deps.db
    .select({ handoff: handoffs, agentName: staffUsers.name })
    .from(handoffs)
    .leftJoin(staffUsers, eq(staffUsers.id, handoffs.assigneeId))
    .where(eq(handoffs.conversationId, conversationId))
    .orderBy(desc(handoffs.createdAt), desc(handoffs.id))
    .limit(1);
  if (!row) return null;
  const h = row.handoff;
  const now = deps.clock.now();
  const cal = deps.config.serviceCalendar;
  return {
    status: h.status,
    agent_name: h.status === 'waiting' ? null : row.agentName,
    first_response_due: h.firstResponseDue.toISOString(),
    first_response_at: h.firstResponseAt?.toISOString() ?? null,
    resolution_due: h.resolutionDue.toISOString(),
    resolved_at: h.resolvedAt?.toISOString() ?? null,
    rated: h.csatRating !== null,
    agents_working_now: isOpen(cal, now),
    next_opening: nextOpening(cal, now).toISOString(),
  };
}
