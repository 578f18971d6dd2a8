import { asc, eq } from 'drizzle-orm';
import { synonymSets, type SynonymSetRow } from '../../db/schema/index.js';
import type { Deps, Staff } from '../../deps.js';
import { AppError } from '../../lib/errors.js';
import { auditStatement } from '../audit/audit.service.js';

export type SynonymSetInput = { locale: string | null; terms: string[] };

export async function listSynonymSets(deps: Pick<Deps, 'db'>): Promise<SynonymSetRow[]> {
  return deps.db.select().from(synonymSets).orderBy(asc(synonymSets.createdAt));
}

/** Creates a synonym set; searches use it from their next index refresh (within a second). */
export async function createSynonymSet(deps: Deps, input: SynonymSetInput, actor: Staff): Promise<SynonymSetRow> {
  const now = deps.clock.now();
  const row: SynonymSetRow = { id: deps.newId(), locale: input.locale, terms: input.terms, createdBy: actor.id, createdAt: now, updatedAt: now };
  await deps.db.batch([
    deps.db.insert(synonymSets).values(row),
    auditStatement(deps.db, now, { actorId: actor.id, action: 'synonyms.create', entityType: 'synonym_set', entityId: row.id, summary: row.terms.join(' = ') }),
  ]);
  await deps.search.refresh(deps.db, now.getTime(), { force: true });
  return row;
}

export async function updateSynonymSet(deps: Deps, id: string, input: SynonymSetInput, actor: Staff): Promise<SynonymSetRow> {
  const now = deps.clock.now();
  const [row] = await deps.db
    .update(synonymSets)
    .set({ locale: input.locale, terms: input.terms, updatedAt: now })
    .where(eq(synonymSets.id, id))
    .returning();
  if (!row) throw new AppError('not_found', `search: no synonym set ${id}`);
  await auditStatement(deps.db, now, { actorId: actor.id, action: 'synonyms.update', entityType: 'synonym_set', entityId: id, summary: row.terms.join(' = ') });
  await deps.search.refresh(deps.db, now.getTime(), { force: true });
  return row;
}

export async function deleteSynonymSet(deps: Deps, id: string, actor: Staff): Promise<void> {
  const now = deps.clock.now();
  const [row] = await deps.db.delete(synonymSets).where(eq(synonymSets.id, id)).returning();
  if (!row) throw new AppError('not_found', `search: no synonym set ${id}`);
  await auditStatement(deps.db, now, { actorId: actor.id, action: 'synonyms.delete', entityType: 'synonym_set', entityId: id, summary: row.terms.join(' = ') });
  await deps.search.refresh(deps.db, now.getTime(), { force: true });
}
