/**
 * Compact containers for the engine's per-article and per-phrasing data: growable typed
 * arrays, many small integer lists in one typed array, small string tables, and a quickselect.
 * Typed arrays rather than Maps or arrays of arrays: at 10k articles they keep the heap small
 * and the query loops free of allocations.
 */
import { packInts, unpackInts, type PackedInts } from './search.pack.js';

export const growU32 = (a: Uint32Array, n: number): Uint32Array => {
  if (n <= a.length) return a;
  const b = new Uint32Array(Math.max(n, a.length * 2, 64));
  b.set(a);
  return b;
};

export const growI32 = (a: Int32Array, n: number, fill = 0): Int32Array => {
  if (n <= a.length) return a;
  const b = new Int32Array(Math.max(n, a.length * 2, 64));
  if (fill !== 0) b.fill(fill, a.length);
  b.set(a);
  return b;
};

/** Small string tables: metadata values stored as numbers. */
export class Interner {
  values: string[] = [];
  private codes = new Map<string, number>();
  code(v: string): number {
    let c = this.codes.get(v);
    if (c === undefined) this.codes.set(v, (c = this.values.push(v) - 1));
    return c;
  }
  find(v: string): number {
    return this.codes.get(v) ?? -1;
  }
  static of(values: string[]): Interner {
    const i = new Interner();
    for (const v of values) i.code(v);
    return i;
  }
}

/**
 * Many small integer lists (an article's phrasings, a phrasing's terms) in one typed array:
 * list i is data[first(i) .. first(i) + len(i)). Hot loops read `data` directly (a subarray
 * per read was a measurable share of query time). Replacing a list appends it; the space of
 * dropped lists is reclaimed by compaction once it outgrows the live part.
 */
/** A ListPool as plain JSON (typed arrays packed). */
export type ListPoolSnapshot = { pool: PackedInts; start: PackedInts; length: PackedInts };

const u32Of = (p: PackedInts) => unpackInts(p, (n) => new Uint32Array(n));

export class ListPool {
  private pool: Uint32Array = new Uint32Array(0);
  private used = 0;
  private dead = 0;
  private start: Uint32Array = new Uint32Array(0);
  private length: Uint32Array = new Uint32Array(0);

  set(i: number, values: ArrayLike<number>): void {
    this.drop(i);
    if (this.used + values.length > this.pool.length) {
      if (this.dead > this.used / 2) this.compact();
      this.pool = growU32(this.pool, this.used + values.length);
    }
    this.start = growU32(this.start, i + 1);
    this.length = growU32(this.length, i + 1);
    this.pool.set(values, this.used);
    this.start[i] = this.used;
    this.length[i] = values.length;
    this.used += values.length;
  }

  drop(i: number): void {
    if (i < this.length.length) {
      this.dead += this.length[i]!;
      this.length[i] = 0;
    }
  }

  /** The list's values (a view: valid until the next `set`). */
  get(i: number): Uint32Array {
    if (i >= this.length.length) return this.pool.subarray(0, 0);
    return this.pool.subarray(this.start[i]!, this.start[i]! + this.length[i]!);
  }

  len(i: number): number {
    return i < this.length.length ? this.length[i]! : 0;
  }

  first(i: number): number {
    return i < this.start.length ? this.start[i]! : 0;
  }

  get data(): Uint32Array {
    return this.pool;
  }

  toJSON(): ListPoolSnapshot {
    this.compact();
    return { pool: packInts(this.pool.subarray(0, this.used)), start: packInts(this.start), length: packInts(this.length) };
  }

  static fromJSON(s: ListPoolSnapshot): ListPool {
    const p = new ListPool();
    p.pool = u32Of(s.pool);
    p.used = p.pool.length;
    p.start = u32Of(s.start);
    p.length = u32Of(s.length);
    return p;
  }

  private compact(): void {
    const pool = new Uint32Array(Math.max(64, (this.used - this.dead) * 2));
    let used = 0;
    for (let i = 0; i < this.length.length; i++) {
      const n = this.length[i]!;
      pool.set(this.pool.subarray(this.start[i]!, this.start[i]! + n), used);
      this.start[i] = used;
      used += n;
    }
    this.pool = pool;
    this.used = used;
    this.dead = 0;
  }
}

/** The value that would sit at position n (0-based) if `values` were sorted descending. */
export function nthLargest(values: Float64Array, n: number): number {
  const a = values;
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! > pivot) i++;
      while (a[j]! < pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (n <= j) hi = j;
    else if (n >= i) lo = i;
    else return a[n]!;
  }
  return a[n]!;
}
