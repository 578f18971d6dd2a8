/**
 * Search snapshots in workerd over D1: one isolate stores its engine in `search_snapshots`; a
 * new isolate's first search restores it (reading none of the articles) and ranks exactly as
 * the writer does; a snapshot split into many chunks (D1's 1 MB value limit) reads back whole.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../src/deps.js';
import { SearchIndex } from '../../src/features/search/search.index.js';
import { MemoryBackend } from '../../src/features/search/search.memory.js';
import { writeSnapshot } from '../../src/features/search/search.reindex.js';
import { rankArticles } from '../../src/features/search/search.service.js';
import { saveSnapshot } from '../../src/features/search/search.snapshots.js';
import { resolveWorkerDeps } from '../../src/runtime/worker.js';
import { importSampleKnowledge } from './helpers.js';

/** An isolate of its own: the Worker's deps with a fresh memory index. */
const isolate = (): Deps => ({ ...resolveWorkerDeps(env), search: new SearchIndex({ backend: 'memory', snapshots: { minArticles: 0 } }) });
const ranking = async (deps: Deps, q: string, locale: 'zh' | 'en') =>
  (await rankArticles(deps, { q, locale, limit: 5 }, {})).ranked.slice(0, 5).map((r) => [r.id, r.score]);

describe('search snapshots in D1', () => {
  beforeAll(async () => {
    await importSampleKnowledge();
  });

  it('a new isolate starts from the stored snapshot and ranks like the writer', async () => {
    const writer = isolate();
    const stored = await writeSnapshot(writer);
    expect(stored).toMatchObject({ format: 'snapshot1+json', chunks: 1 });
    const reader = isolate();
    expect(await ranking(reader, '退款多久到账', 'zh')).toEqual(await ranking(writer, '退款多久到账', 'zh'));
    expect(reader.search.lastLoad).toMatchObject({ backend: 'memory', from: 'snapshot', caughtUp: 0 });
    expect(await ranking(reader, 'how do I track my order', 'en')).toEqual(await ranking(writer, 'how do I track my order', 'en'));
  });

  it('reads back a snapshot split into many chunks', async () => {
    const writer = isolate();
    await writer.search.refresh(writer.db, Date.now(), { force: true });
    const backend = writer.search.backend as MemoryBackend;
    const snapshot = await backend.encode(writer.search.tie);
    const stored = await saveSnapshot(writer.db, { id: `${writer.newId()}-chunked`, version: writer.search.version, snapshot, now: new Date(), keep: 3, chunkBytes: 20_000 });
    expect(stored.chunks).toBeGreaterThan(5);
    const restored = new MemoryBackend();
    expect(await restored.loadSnapshot(writer.db)).not.toBeNull();
    const filter = { audiences: ['public'], locale: 'en' };
    expect(restored.engine.search('refund', filter, 5)).toEqual(backend.engine.search('refund', filter, 5));
  });
});
