/**
 * After content changes: the changed article goes into this isolate's index at once, and a
 * snapshot of the index is written to the database in the background (debounced), so the
 * next isolate to start loads it instead of re-indexing every article. The writer is whoever
 * changed content; an isolate that had to build from rows (no snapshot, or a stale one after a
 * bulk change) writes one too. Failures are logged, never thrown: a snapshot only saves time.
 */
import type { Context } from 'hono';
import type { ArticleRow } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { MemoryBackend } from './search.memory.js';
import { listSnapshots, saveSnapshot, type StoredSnapshot } from './search.snapshots.js';
import { scheduleVectorSync } from './search.vectors.js';

/** Applies an in-process article change to the search index and schedules a snapshot. */
export function reindexArticle(deps: Deps, row: ArticleRow, c?: Context): void {
  deps.search.apply(row);
  deps.search.snapshotWanted = true;
  scheduleSnapshot(deps, c);
  scheduleVectorSync(deps, c);
}

/**
 * Writes a snapshot after `delayMs` without further changes in this isolate (one write for a
 * burst of publications). Nothing for small knowledge bases (they build in a few ms) or when
 * snapshots are off.
 */
export function scheduleSnapshot(deps: Deps, c?: Context): void {
  const index = deps.search;
  const settings = index.snapshots;
  if (!settings.enabled || !(index.backend instanceof MemoryBackend) || index.size < settings.minArticles) return;
  index.snapshotWanted = false;
  deps.background.debounce(c, 'search-snapshot', settings.delayMs, async () => {
    try {
      await writeSnapshot(deps);
    } catch (error) {
      deps.logger.warn('search snapshot not written', { error: String(error) });
    }
  });
}

/**
 * Brings the index up to date, then stores its snapshot unless the newest stored one already
 * has this version. Returns what was stored, or null.
 */
export async function writeSnapshot(deps: Deps): Promise<StoredSnapshot | null> {
  const index = deps.search;
  await index.refresh(deps.db, deps.clock.now().getTime(), { force: true });
  const backend = index.backend;
  if (!(backend instanceof MemoryBackend)) return null;
  const version = index.version;
  const [newest] = await listSnapshots(deps.db, 1);
  if (newest?.version === version) return null;
  const snapshot = await backend.encode(index.tie);
  const stored = await saveSnapshot(deps.db, { id: deps.newId(), version, snapshot, now: deps.clock.now(), keep: index.snapshots.keep });
  deps.logger.info('search snapshot written', { version, format: stored.format, bytes: stored.bytes, chunks: stored.chunks, articles: backend.size });
  return stored;
}
