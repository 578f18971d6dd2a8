/**
 * The article table: article ids ↔ numbers, metadata as small codes, each article's phrasing
 * numbers, and filter masks over them. Numbers are the article index's document numbers, so
 * per-article query state can live in typed arrays indexed by them.
 */
import type { SearchFilter } from './search.engine.js';
import { Interner, ListPool } from './search.lists.js';
import type { PostingIndex } from './search.postings.js';

export type ArticleMeta = { locale: string; category: string; kind: string; audience: string };

export class ArticleTable {
  num = new Map<string, number>();
  id: (string | undefined)[] = [];
  /** Per article number: locale, category, kind and audience codes. */
  meta: number[] = [];
  /** Per article number: its phrasings' numbers (title first). */
  readonly phrasings = new ListPool();
  locales = new Interner();
  categories = new Interner();
  kinds = new Interner();
  audiences = new Interner();
  /** Recent filter masks, for one index generation. */
  private keepCache = new Map<string, Uint8Array>();
  private keepGen = -1;

  add(doc: number, id: string, m: ArticleMeta): void {
    this.num.set(id, doc);
    this.id[doc] = id;
    this.meta.push(this.locales.code(m.locale), this.categories.code(m.category), this.kinds.code(m.kind), this.audiences.code(m.audience));
  }

  remove(id: string): void {
    const doc = this.num.get(id);
    if (doc === undefined) return;
    this.num.delete(id);
    this.id[doc] = undefined;
    this.phrasings.drop(doc);
  }

  /** Orders article numbers by id (the tie-break everywhere, so results do not depend on insertion order). */
  readonly byId = (x: number, y: number): number => (this.id[x]! < this.id[y]! ? -1 : 1);

  /** Per article number: 1 when the article is alive and passes the filter (cached until the index changes). */
  keepMask(filter: SearchFilter, docs: PostingIndex): Uint8Array {
    if (this.keepGen !== docs.generation) (this.keepCache = new Map()), (this.keepGen = docs.generation);
    const key = `${filter.locale ?? ''}\u0000${filter.category ?? ''}\u0000${filter.kind ?? ''}\u0000${filter.audiences.join('\u0001')}`;
    const cached = this.keepCache.get(key);
    if (cached) return cached;
    // The filter, on metadata codes (-1: a value no article has; -2: no constraint).
    const code = (i: Interner, v: string | undefined) => (v ? i.find(v) : -2);
    const fLocale = code(this.locales, filter.locale);
    const fCategory = code(this.categories, filter.category);
    const fKind = code(this.kinds, filter.kind);
    const fAudience = new Set(filter.audiences.map((a) => this.audiences.find(a)));
    const m = this.meta;
    const mask = new Uint8Array(docs.slots);
    for (let doc = 0; doc < docs.slots; doc++) {
      const pass =
        this.id[doc] !== undefined &&
        docs.isAlive(doc) &&
        fAudience.has(m[doc * 4 + 3]!) &&
        (fLocale === -2 || m[doc * 4] === fLocale) &&
        (fCategory === -2 || m[doc * 4 + 1] === fCategory) &&
        (fKind === -2 || m[doc * 4 + 2] === fKind);
      mask[doc] = pass ? 1 : 0;
    }
    if (this.keepCache.size >= 16) this.keepCache.clear();
    this.keepCache.set(key, mask);
    return mask;
  }
}
