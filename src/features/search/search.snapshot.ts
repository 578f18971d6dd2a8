/**
 * The engine's snapshot format: a plain JSON value (the article postings as base64 typed
 * arrays, metadata tables, per article its phrasing numbers, per phrasing its key, and since
 * version 2 the phrasing store's derived structures: its minisearch index, term counts and
 * lists). Restoring version 2 re-tokenises nothing (a cold start at 1k articles: ~140 → ~30 ms);
 * version 1 re-indexes the phrasings under their old numbers and in number order. Either way a
 * restored engine scores exactly like the live one it came from.
 */
import { ArticleTable } from './search.articles.js';
import { Interner } from './search.lists.js';
import { OWNER_SLOTS, type PhrasingStore, type PhrasingStoreSnapshot } from './search.phrasings.js';
import { PostingIndex, type PostingsSnapshot } from './search.postings.js';

export type SearchEngineSnapshot = {
  version: 1 | 2;
  postings: PostingsSnapshot;
  meta: { locale: string[]; category: string[]; kind: string[]; audience: string[] };
  /** Per article number: [id, locale, category, kind, audience, ...phrasing numbers], or null when removed. */
  articles: (null | [string, number, number, number, number, ...number[]])[];
  /** Per phrasing number: its normalised tokens joined by spaces, or null when unused. */
  phrasings: (string | null)[];
  /** Version 2: the phrasing store as it was (absent in version 1). */
  store?: PhrasingStoreSnapshot;
};

export function encodeSnapshot(docs: PostingIndex, table: ArticleTable, store: PhrasingStore): SearchEngineSnapshot {
  const m = table.meta;
  const articles: SearchEngineSnapshot['articles'] = table.id.map((id, doc) =>
    id === undefined ? null : [id, m[doc * 4]!, m[doc * 4 + 1]!, m[doc * 4 + 2]!, m[doc * 4 + 3]!, ...table.phrasings.get(doc)],
  );
  return {
    version: 2,
    postings: docs.toJSON(),
    meta: { locale: table.locales.values, category: table.categories.values, kind: table.kinds.values, audience: table.audiences.values },
    articles,
    phrasings: store.keys,
    store: store.toJSON(),
  };
}

/** Fills an empty table and phrasing store from a snapshot; returns the article postings. */
export function decodeSnapshot(snapshot: SearchEngineSnapshot, table: ArticleTable, store: PhrasingStore): PostingIndex {
  if (snapshot.version !== 1 && snapshot.version !== 2) throw new Error('SearchEngine.fromJSON: unknown snapshot version');
  table.locales = Interner.of(snapshot.meta.locale);
  table.categories = Interner.of(snapshot.meta.category);
  table.kinds = Interner.of(snapshot.meta.kind);
  table.audiences = Interner.of(snapshot.meta.audience);
  // Phrasings keep their numbers (unused numbers stay empty), then get their owners.
  const keys = snapshot.phrasings;
  if (snapshot.version === 2 && snapshot.store) store.restore(keys.slice(), snapshot.store);
  else {
    store.keys = new Array<string | null>(keys.length).fill(null);
    keys.forEach((key, p) => key !== null && store.create(p, key));
  }
  snapshot.articles.forEach((a, doc) => {
    table.meta.push(a?.[1] ?? 0, a?.[2] ?? 0, a?.[3] ?? 0, a?.[4] ?? 0);
    if (!a) return;
    table.num.set(a[0], doc);
    table.id[doc] = a[0];
    const nums = a.slice(5) as number[];
    table.phrasings.set(doc, nums);
    nums.forEach((p, i) => store.own(p, doc * OWNER_SLOTS + i));
  });
  return PostingIndex.fromJSON(snapshot.postings);
}
