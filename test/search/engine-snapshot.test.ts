/**
 * The engine snapshot round-trips exactly: an engine restored from `toJSON` (version 2, which
 * keeps the phrasing store's structures instead of re-tokenising) ranks every query with the
 * same ids and scores as the live one, and keeps doing so as both take the same further edits
 * (removals, updates, phrasings shared between articles). Version 1 snapshots still load.
 */
import { describe, expect, it } from 'vitest';
import { SearchEngine, type IndexableArticle, type SearchEngineSnapshot } from '../../src/features/search/search.engine.js';
import { generateCorpus, generateQueries, loadTemplates } from '../../scripts/lib/corpus.js';

const filter = { audiences: ['public', 'internal'] };

function compare(a: SearchEngine, b: SearchEngine, queries: { q: string; locale: string }[]) {
  for (const q of queries) {
    const f = { ...filter, locale: q.locale };
    expect(b.search(q.q, f, 10), q.q).toEqual(a.search(q.q, f, 10));
  }
}

describe('engine snapshot', () => {
  it('restores an engine that ranks exactly like the live one, before and after further edits', async () => {
    const corpus = generateCorpus(await loadTemplates(), 400, 3);
    const queries = generateQueries(corpus, 150, 5);
    const live = new SearchEngine();
    for (const a of corpus) live.upsert(a);
    // Edits before the snapshot: removals (freeing phrasing and group numbers) and updates.
    for (const a of corpus.slice(0, 40)) live.remove(a.id);
    const shared = corpus[50]!.questions[0]!;
    const edited = (a: IndexableArticle, i: number): IndexableArticle => ({ ...a, title: `${a.title} v${i}`, questions: [shared, ...a.questions.slice(1)] });
    corpus.slice(60, 80).forEach((a, i) => live.upsert(edited(a, i)));

    const snapshot = JSON.parse(JSON.stringify(live.toJSON())) as SearchEngineSnapshot;
    expect(snapshot.version).toBe(2);
    const restored = SearchEngine.fromJSON(snapshot);
    compare(live, restored, queries);

    // The same edits on both afterwards: restored structures must behave like live ones.
    for (const engine of [live, restored]) {
      for (const a of corpus.slice(80, 100)) engine.remove(a.id);
      corpus.slice(0, 30).forEach((a, i) => engine.upsert(edited(a, i + 100)));
      corpus.slice(100, 120).forEach((a, i) => engine.upsert({ ...a, questions: [`brand new question ${i}`] }));
    }
    compare(live, restored, queries);
    // Everything but minisearch's term tree, whose iteration order follows insertion order.
    const strip = (e: SearchEngine) => ({ ...e.toJSON(), store: { ...e.toJSON().store!, index: null } });
    expect(JSON.stringify(strip(restored))).toBe(JSON.stringify(strip(live)));
  });

  it('still loads a version 1 snapshot (phrasings re-indexed)', async () => {
    const corpus = generateCorpus(await loadTemplates(), 120, 9);
    const live = new SearchEngine();
    for (const a of corpus) live.upsert(a);
    const { store: _dropped, ...rest } = live.toJSON();
    const restored = SearchEngine.fromJSON({ ...rest, version: 1 });
    compare(live, restored, generateQueries(corpus, 60, 2));
  });
});
