/**
 * A compact inverted index for long texts (article bodies), beside minisearch.
 *
 * minisearch keeps a JS Map per term and field (tens of bytes per posting); article bodies
 * hold most of the postings, so they live here instead, in typed arrays:
 * - a term dictionary: Latin terms in minisearch's own radix tree (`SearchableMap`, for its
 *   fuzzy and prefix lookups), hex-encoded Han terms in a plain Map (never fuzzy/prefix matched);
 * - a compacted segment (CSR: per term a run of document numbers and term frequencies), plus a
 *   small delta of postings added since the last compaction (log-structured merge);
 * - removal is a tombstone per document number: no per-document term lists are kept; dead
 *   postings are dropped at the next compaction.
 */
import SearchableMap from 'minisearch/SearchableMap';
import { base64ToBytes, bytesToBase64, packInts, unpackInts, type PackedInts } from './search.pack.js';
import { isHanTerm } from './search.text.js';

const grow = <T extends Uint32Array | Uint8Array>(a: T, n: number, make: (n: number) => T): T => {
  if (n <= a.length) return a;
  const b = make(Math.max(n, a.length * 2, 64));
  b.set(a);
  return b;
};

const u32 = (s: string) => {
  const b = base64ToBytes(s);
  return new Uint32Array(b.buffer, b.byteOffset, b.byteLength / 4);
};
const u16 = (s: string) => {
  const b = base64ToBytes(s);
  return new Uint16Array(b.buffer, b.byteOffset, b.byteLength / 2);
};

/** Arrays as base64 of their bytes (engine snapshot version 1) or packed (version 2, search.pack.ts). */
export type PostingsSnapshot = {
  terms: string[];
  segStart: string | PackedInts;
  segDoc: string | PackedInts;
  segTf: string | PackedInts;
  docLen: string | PackedInts;
  alive: string;
  nextDoc: number;
};

export class PostingIndex {
  private latin = new SearchableMap<number>();
  private han = new Map<string, number>();
  private termCount = 0;
  /** Compacted segment: postings of term t are [segStart[t], segStart[t+1]). */
  private segStart: Uint32Array = new Uint32Array(1);
  private segDoc: Uint32Array = new Uint32Array(0);
  private segTf: Uint16Array = new Uint16Array(0);
  /** Postings added since the last compaction: term → [doc, tf, doc, tf, …]. */
  private delta = new Map<number, number[]>();
  private deltaSize = 0;
  private dead = 0;
  private docLen: Uint32Array = new Uint32Array(0);
  private alive: Uint8Array = new Uint8Array(0);
  private nextDoc = 0;
  liveDocs = 0;
  totalLength = 0;
  /** Bumped on every add/remove: invalidates the cached document frequencies and length norms. */
  private gen = 1;
  private dfVal: Uint32Array = new Uint32Array(0);
  private dfGen: Uint32Array = new Uint32Array(0);
  private normCache: { gen: number; k: number; b: number; norm: Float64Array } | undefined;

  /** Mutation counter: changes whenever a document is added or removed. */
  get generation(): number {
    return this.gen;
  }

  /** A new document number (numbers are never reused; removal leaves a tombstone). */
  allocate(): number {
    return this.nextDoc++;
  }

  termId(term: string): number | undefined {
    return isHanTerm(term) ? this.han.get(term) : this.latin.get(term);
  }

  private intern(term: string): number {
    let id = this.termId(term);
    if (id === undefined) {
      id = this.termCount++;
      if (isHanTerm(term)) this.han.set(term, id);
      else this.latin.set(term, id);
    }
    return id;
  }

  /** Indexes a document's terms (in order, repeats counted) under a number from `allocate`. */
  add(doc: number, terms: readonly string[]): void {
    const tf = new Map<number, number>();
    for (const t of terms) {
      const id = this.intern(t);
      tf.set(id, (tf.get(id) ?? 0) + 1);
    }
    for (const [id, n] of tf) {
      let list = this.delta.get(id);
      if (!list) this.delta.set(id, (list = []));
      list.push(doc, Math.min(n, 65535));
    }
    this.deltaSize += tf.size;
    this.docLen = grow(this.docLen, doc + 1, (n) => new Uint32Array(n));
    this.alive = grow(this.alive, doc + 1, (n) => new Uint8Array(n));
    this.docLen[doc] = terms.length;
    this.alive[doc] = 1;
    this.liveDocs++;
    this.totalLength += terms.length;
    this.gen++;
    if (this.deltaSize > Math.max(50_000, this.segDoc.length / 4)) this.compact();
  }

  remove(doc: number): void {
    if (!this.alive[doc]) return;
    this.alive[doc] = 0;
    this.liveDocs--;
    this.totalLength -= this.docLen[doc]!;
    this.dead++;
    this.gen++;
    if (this.dead > 64 && this.dead * 4 > this.liveDocs) this.compact();
  }

  isAlive(doc: number): boolean {
    return this.alive[doc] === 1;
  }

  /** Merges the delta into the segment and drops the postings of removed documents. */
  compact(): void {
    if (this.deltaSize === 0 && this.dead === 0) return;
    const n = this.termCount;
    const counts = new Uint32Array(n + 1);
    const oldStart = this.segStart;
    const oldTerms = oldStart.length - 1;
    for (let t = 0; t < oldTerms; t++) {
      for (let i = oldStart[t]!; i < oldStart[t + 1]!; i++) if (this.alive[this.segDoc[i]!]) counts[t]!++;
    }
    for (const [t, list] of this.delta) for (let i = 0; i < list.length; i += 2) if (this.alive[list[i]!]) counts[t]!++;
    const start = new Uint32Array(n + 1);
    for (let t = 0; t < n; t++) start[t + 1] = start[t]! + counts[t]!;
    const docs = new Uint32Array(start[n]!);
    const tfs = new Uint16Array(start[n]!);
    for (let t = 0; t < n; t++) {
      let k = start[t]!;
      if (t < oldTerms) {
        for (let i = oldStart[t]!; i < oldStart[t + 1]!; i++) {
          const d = this.segDoc[i]!;
          if (this.alive[d]) (docs[k] = d), (tfs[k++] = this.segTf[i]!);
        }
      }
      const list = this.delta.get(t);
      if (list) for (let i = 0; i < list.length; i += 2) if (this.alive[list[i]!]) (docs[k] = list[i]!), (tfs[k++] = list[i + 1]!);
    }
    this.segStart = start;
    this.segDoc = docs;
    this.segTf = tfs;
    this.delta = new Map();
    this.deltaSize = 0;
    this.dead = 0;
  }

  /** Number of live documents holding the term (cached until the next add or remove). */
  df(id: number): number {
    if (id < this.dfGen.length && this.dfGen[id] === this.gen) return this.dfVal[id]!;
    const n = this.countDf(id);
    if (id >= this.dfGen.length) {
      const size = Math.max(this.termCount, id + 1);
      this.dfVal = grow(this.dfVal, size, (m) => new Uint32Array(m));
      this.dfGen = grow(this.dfGen, size, (m) => new Uint32Array(m));
    }
    this.dfVal[id] = n;
    this.dfGen[id] = this.gen;
    return n;
  }

  /** Number of document slots (live or not): the size of per-document arrays. */
  get slots(): number {
    return this.nextDoc;
  }

  /**
   * BM25's length normalisation per document number, k·(1 − b + b·length/avg), cached until
   * the next add or remove.
   */
  lengthNorm(k: number, b: number): Float64Array {
    const c = this.normCache;
    if (c && c.gen === this.gen && c.k === k && c.b === b) return c.norm;
    const avg = this.liveDocs > 0 ? this.totalLength / this.liveDocs : 1;
    const norm = new Float64Array(this.nextDoc);
    for (let d = 0; d < this.nextDoc; d++) norm[d] = k * (1 - b + (b * this.docLen[d]!) / avg);
    this.normCache = { gen: this.gen, k, b, norm };
    return norm;
  }

  /**
   * BM25+ accumulation of one term into per-document arrays, for the documents with keep[doc]
   * set (keep must already exclude removed documents): score[doc] += w·(d + tf(k+1)/(tf+norm)).
   * `terms[doc] |= bit`, `expansions[doc] |= expansionBit`; documents seen for the first time
   * (terms[doc] was 0) are pushed to `touched`.
   */
  accumulate(
    id: number,
    w: number,
    k: number,
    d: number,
    norm: Float64Array,
    keep: Uint8Array,
    score: Float64Array,
    terms: Uint32Array,
    bit: number,
    expansions: Uint32Array,
    expansionBit: number,
    touched: number[],
  ): void {
    const k1 = k + 1;
    if (id + 1 < this.segStart.length) {
      const docs = this.segDoc;
      const tfs = this.segTf;
      for (let i = this.segStart[id]!, end = this.segStart[id + 1]!; i < end; i++) {
        const doc = docs[i]!;
        if (keep[doc] === 0) continue;
        const tf = tfs[i]!;
        if (terms[doc] === 0) touched.push(doc);
        score[doc] = score[doc]! + w * (d + (tf * k1) / (tf + norm[doc]!));
        terms[doc] = terms[doc]! | bit;
        expansions[doc] = expansions[doc]! | expansionBit;
      }
    }
    const list = this.delta.get(id);
    if (list) {
      for (let i = 0; i < list.length; i += 2) {
        const doc = list[i]!;
        if (keep[doc] === 0) continue;
        const tf = list[i + 1]!;
        if (terms[doc] === 0) touched.push(doc);
        score[doc] = score[doc]! + w * (d + (tf * k1) / (tf + norm[doc]!));
        terms[doc] = terms[doc]! | bit;
        expansions[doc] = expansions[doc]! | expansionBit;
      }
    }
  }

  private countDf(id: number): number {
    let n = 0;
    if (id + 1 < this.segStart.length) for (let i = this.segStart[id]!; i < this.segStart[id + 1]!; i++) n += this.alive[this.segDoc[i]!]!;
    const list = this.delta.get(id);
    if (list) for (let i = 0; i < list.length; i += 2) n += this.alive[list[i]!]!;
    return n;
  }

  /** Calls `fn` for each live document holding the term, with its term frequency and length. */
  forEach(id: number, fn: (doc: number, tf: number, length: number) => void): void {
    if (id + 1 < this.segStart.length) {
      for (let i = this.segStart[id]!; i < this.segStart[id + 1]!; i++) {
        const d = this.segDoc[i]!;
        if (this.alive[d]) fn(d, this.segTf[i]!, this.docLen[d]!);
      }
    }
    const list = this.delta.get(id);
    if (list) for (let i = 0; i < list.length; i += 2) if (this.alive[list[i]!]) fn(list[i]!, list[i + 1]!, this.docLen[list[i]!]!);
  }

  /** Latin terms within `distance` edits of `term` (not itself), with their distance. */
  fuzzy(term: string, distance: number): [string, number, number][] {
    const out: [string, number, number][] = [];
    for (const [t, [id, d]] of this.latin.fuzzyGet(term, distance)) if (d > 0) out.push([t, id, d]);
    return out;
  }

  /** Latin terms longer than `prefix` that start with it. */
  prefixed(prefix: string): [string, number][] {
    const out: [string, number][] = [];
    for (const [t, id] of this.latin.atPrefix(prefix)) if (t.length > prefix.length) out.push([t, id]);
    return out;
  }

  toJSON(): PostingsSnapshot {
    this.compact();
    const terms = new Array<string>(this.termCount);
    for (const [t, id] of this.latin) terms[id] = t;
    for (const [t, id] of this.han) terms[id] = t;
    return {
      terms,
      segStart: packInts(this.segStart),
      segDoc: packInts(this.segDoc),
      segTf: packInts(this.segTf),
      docLen: packInts(this.docLen.subarray(0, this.nextDoc)),
      alive: bytesToBase64(this.alive.subarray(0, this.nextDoc)),
      nextDoc: this.nextDoc,
    };
  }

  static fromJSON(s: PostingsSnapshot): PostingIndex {
    const p = new PostingIndex();
    s.terms.forEach((t, id) => (isHanTerm(t) ? p.han.set(t, id) : p.latin.set(t, id)));
    p.termCount = s.terms.length;
    const ints = (v: string | PackedInts) => (typeof v === 'string' ? u32(v) : unpackInts(v, (n) => new Uint32Array(n)));
    p.segStart = ints(s.segStart);
    p.segDoc = ints(s.segDoc);
    p.segTf = typeof s.segTf === 'string' ? u16(s.segTf) : unpackInts(s.segTf, (n) => new Uint16Array(n));
    p.docLen = ints(s.docLen);
    p.alive = base64ToBytes(s.alive);
    p.nextDoc = s.nextDoc;
    for (let d = 0; d < p.nextDoc; d++) {
      if (p.alive[d]) {
        p.liveDocs++;
        p.totalLength += p.docLen[d]!;
      }
    }
    return p;
  }
}
