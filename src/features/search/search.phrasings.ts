/**
 * The phrasing store: every distinct way of asking (article titles and alternate questions),
 * indexed once however many articles share it: a term → phrasing-count dictionary, each
 * phrasing's sorted word-term ids and character-trigram ids, its owners (article number ×
 * OWNER_SLOTS + phrasing index) and its group (phrasings with the same word terms, which share
 * their vote between the articles holding them). Scoring reads the term-id lists of the
 * candidate articles' phrasings (search.phrasingscores.ts); no inverted index is needed.
 */
import { ListPool, growI32, growU32, type ListPoolSnapshot } from './search.lists.js';
import { charGrams, latinTerm, rawTokens, tokenizePhrasing } from './search.text.js';

/** Phrasing owners are packed as article number × OWNER_SLOTS + phrasing index. */
export const OWNER_SLOTS = 4096;

const HAN_CHAR = /\p{Script=Han}/u;
/**
 * A compact key that is equal for two phrasings exactly when their word terms are: Han runs as
 * they are (their unigrams and bigrams follow from them), Latin words as their terms.
 */
const wordsKey = (key: string) =>
  rawTokens(key)
    .map((t) => (HAN_CHAR.test(t) ? t : latinTerm(t)))
    .filter((t) => t !== null)
    .join(' ');

/** Terms as ids, with per id the number of live phrasings holding it. */
export class TermCounts {
  private ids = new Map<string, number>();
  df: number[] = [];
  /** Sum over live phrasings of their number of terms (repeats counted). */
  total = 0;

  id(term: string): number | undefined {
    return this.ids.get(term);
  }

  dfOf(term: string): number {
    const id = this.ids.get(term);
    return id === undefined ? 0 : this.df[id]!;
  }

  /** The terms as sorted ids (repeats kept: term frequency), counted; returns them and how many are distinct. */
  add(terms: readonly string[]): { sorted: Uint32Array; distinct: number } {
    const sorted = Uint32Array.from(terms, (t) => {
      let id = this.ids.get(t);
      if (id === undefined) this.ids.set(t, (id = this.df.push(0) - 1));
      return id;
    }).sort();
    let distinct = 0;
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) this.df[sorted[i]!]!++, distinct++;
    this.total += sorted.length;
    return { sorted, distinct };
  }

  remove(sorted: Uint32Array): void {
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) this.df[sorted[i]!]!--;
    this.total -= sorted.length;
  }

  /** Terms in id order (ids are dense), with their counts. */
  toJSON(): TermCountsSnapshot {
    const terms = new Array<string>(this.df.length);
    for (const [t, id] of this.ids) terms[id] = t;
    return { terms, df: this.df, total: this.total };
  }

  static fromJSON(s: TermCountsSnapshot): TermCounts {
    const c = new TermCounts();
    s.terms.forEach((t, id) => c.ids.set(t, id));
    c.df = s.df.slice();
    c.total = s.total;
    return c;
  }
}

export type TermCountsSnapshot = { terms: string[]; df: number[]; total: number };

/**
 * Phrasings with the same word terms form a group; a group counts its article phrasings.
 * A phrasing shared by n articles (passages under one page title, a question copied between
 * intents) cannot pick one of them: it counts 1/n.
 */
class PhrasingGroups {
  private byKey = new Map<string, number>();
  private keys: (string | undefined)[] = [];
  /** Per group: how many article phrasings it holds (its vote is shared between them). */
  count: Int32Array = new Int32Array(0);
  /** Per group: its live phrasings. */
  private live: Int32Array = new Int32Array(0);
  private free: number[] = [];

  join(key: string): number {
    const wk = wordsKey(key);
    let group = this.byKey.get(wk);
    if (group === undefined) {
      group = this.free.pop() ?? this.keys.length;
      this.byKey.set(wk, group);
      this.keys[group] = wk;
      this.count = growI32(this.count, group + 1);
      this.count[group] = 0;
      this.live = growI32(this.live, group + 1);
      this.live[group] = 0;
    }
    this.live[group]!++;
    return group;
  }

  /** A group with no live phrasing left is forgotten (its number reused). */
  leave(group: number): void {
    if (--this.live[group]! > 0) return;
    this.byKey.delete(this.keys[group]!);
    this.keys[group] = undefined;
    this.free.push(group);
  }

  /** Keys and live counts; the article counts are rebuilt as owners are restored (`own`). */
  toJSON(): GroupsSnapshot {
    return { keys: this.keys.map((k) => k ?? null), live: Array.from(this.live.subarray(0, this.keys.length)) };
  }

  static fromJSON(s: GroupsSnapshot): PhrasingGroups {
    const g = new PhrasingGroups();
    g.keys = s.keys.map((k) => k ?? undefined);
    g.count = new Int32Array(Math.max(64, s.keys.length));
    g.live = growI32(Int32Array.from(s.live), Math.max(64, s.keys.length));
    s.keys.forEach((k, group) => (k === null ? g.free.push(group) : g.byKey.set(k, group)));
    return g;
  }
}

type GroupsSnapshot = { keys: (string | null)[]; live: number[] };

/** What `PhrasingStore.toJSON` keeps: the derived structures, so a restore re-tokenises nothing. */
export type PhrasingStoreSnapshot = {
  words: TermCountsSnapshot;
  wordLists: ListPoolSnapshot;
  distinctWords: number[];
  distinctTotal: number;
  grams: TermCountsSnapshot;
  gramLists: ListPoolSnapshot;
  groups: GroupsSnapshot;
  group: number[];
};

export class PhrasingStore {
  private byKey = new Map<string, number>();
  /** Per phrasing number: its key, or null when unused. */
  keys: (string | null)[] = [];
  /** Per phrasing: its first owner (−1: none); further owners (rare) in `moreOwners`. */
  private owner: Int32Array = new Int32Array(0);
  private moreOwners = new Map<number, number[]>();
  live = 0;
  words = new TermCounts();
  /** Each phrasing's word-term ids, sorted, repeats kept. */
  wordLists = new ListPool();
  /** Per phrasing: its distinct word terms (minisearch's field length). */
  distinctWords: Uint32Array = new Uint32Array(0);
  distinctTotal = 0;
  grams = new TermCounts();
  /** Each phrasing's character-trigram ids, sorted, repeats kept. */
  gramLists = new ListPool();
  private groups = new PhrasingGroups();
  private group: Int32Array = new Int32Array(0);

  toJSON(): PhrasingStoreSnapshot {
    const n = this.keys.length;
    return {
      words: this.words.toJSON(),
      wordLists: this.wordLists.toJSON(),
      distinctWords: Array.from(this.distinctWords.subarray(0, n)),
      distinctTotal: this.distinctTotal,
      grams: this.grams.toJSON(),
      gramLists: this.gramLists.toJSON(),
      groups: this.groups.toJSON(),
      group: Array.from(this.group.subarray(0, n)),
    };
  }

  /** Restores the phrasings `keys` (null: unused number) from a snapshot; owners come with `own`. */
  restore(keys: (string | null)[], s: PhrasingStoreSnapshot): void {
    this.keys = keys;
    this.byKey = new Map();
    keys.forEach((key, p) => key !== null && this.byKey.set(key, p));
    this.live = this.byKey.size;
    this.owner = new Int32Array(Math.max(64, keys.length)).fill(-1);
    this.words = TermCounts.fromJSON(s.words);
    this.wordLists = ListPool.fromJSON(s.wordLists);
    this.distinctWords = growU32(Uint32Array.from(s.distinctWords), 64);
    this.distinctTotal = s.distinctTotal;
    this.grams = TermCounts.fromJSON(s.grams);
    this.gramLists = ListPool.fromJSON(s.gramLists);
    this.groups = PhrasingGroups.fromJSON(s.groups);
    this.group = growI32(Int32Array.from(s.group), 64);
  }

  /** Adds an owner to the phrasing with this key, creating the phrasing if new; returns its number. */
  add(key: string, owner: number): number {
    const p = this.byKey.get(key) ?? this.create(this.keys.length, key);
    this.own(p, owner);
    return p;
  }

  /** Indexes a distinct phrasing under number `p` (owners come with `own`). */
  create(p: number, key: string): number {
    this.byKey.set(key, p);
    this.keys[p] = key;
    this.owner = growI32(this.owner, p + 1, -1);
    this.owner[p] = -1;
    const words = this.words.add(tokenizePhrasing(key));
    this.wordLists.set(p, words.sorted);
    this.distinctWords = growU32(this.distinctWords, p + 1);
    this.distinctWords[p] = words.distinct;
    this.distinctTotal += words.distinct;
    this.gramLists.set(p, this.grams.add(charGrams(key)).sorted);
    this.group = growI32(this.group, p + 1);
    this.group[p] = this.groups.join(key);
    this.live++;
    return p;
  }

  own(p: number, owner: number): void {
    if (this.owner[p] === -1) this.owner[p] = owner;
    else {
      let more = this.moreOwners.get(p);
      if (!more) this.moreOwners.set(p, (more = []));
      more.push(owner);
    }
    this.groups.count[this.group[p]!]!++;
  }

  /** Removes an owner; a phrasing left without owners is removed. */
  release(p: number, owner: number): void {
    const more = this.moreOwners.get(p);
    if (this.owner[p] === owner) this.owner[p] = more?.shift() ?? -1;
    else if (more) more.splice(more.indexOf(owner), 1);
    if (more && more.length === 0) this.moreOwners.delete(p);
    this.groups.count[this.group[p]!]!--;
    if (this.owner[p] === -1) this.delete(p);
  }

  private delete(p: number): void {
    const key = this.keys[p]!;
    // Its terms leave the counts now, so document frequencies match a store built without it.
    this.byKey.delete(key);
    this.keys[p] = null;
    this.words.remove(this.wordLists.get(p));
    this.wordLists.drop(p);
    this.distinctTotal -= this.distinctWords[p]!;
    this.grams.remove(this.gramLists.get(p));
    this.gramLists.drop(p);
    this.groups.leave(this.group[p]!);
    this.live--;
  }

  forEachOwner(p: number, fn: (owner: number) => void): void {
    const first = this.owner[p]!;
    if (first >= 0) fn(first);
    const more = this.moreOwners.get(p);
    if (more) for (const o of more) fn(o);
  }

  /** How many article phrasings share the phrasing's vote (its group's size; at least 1). */
  shareOf(p: number): number {
    return this.groups.count[this.group[p]!]! || 1;
  }
}
