/**
 * Integer arrays in snapshots, packed: each value as the zigzag-encoded difference from the
 * previous one, in LEB128 varints, then base64. Posting lists and term-id lists are (mostly)
 * ascending runs of small numbers, so most values take one byte instead of four: the 1k-article
 * snapshot shrinks by half, and a cold start reads, parses and garbage-collects that much less.
 * Also the plain base64 helpers (btoa/atob: global in Workers and Node).
 */

/** Base64 of a typed array's bytes (btoa: global in browsers, Workers and Node ≥ 16). */
export function bytesToBase64(a: ArrayBufferView): string {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function base64ToBytes(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export type PackedInts = { n: number; data: string };

/** Values must be integers in [0, 2^31): differences then fit in 32-bit zigzag. */
export function packInts(values: ArrayLike<number>): PackedInts {
  let out = new Uint8Array(Math.max(16, values.length * 2));
  let at = 0;
  let prev = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const d = v - prev;
    prev = v;
    let z = ((d << 1) ^ (d >> 31)) >>> 0;
    if (at + 5 > out.length) {
      const bigger = new Uint8Array(out.length * 2);
      bigger.set(out);
      out = bigger;
    }
    while (z >= 0x80) {
      out[at++] = (z & 0x7f) | 0x80;
      z >>>= 7;
    }
    out[at++] = z;
  }
  return { n: values.length, data: bytesToBase64(out.subarray(0, at)) };
}

export function unpackInts<T extends Uint32Array | Uint16Array | Uint8Array>(packed: PackedInts, make: (n: number) => T): T {
  const bytes = base64ToBytes(packed.data);
  const out = make(packed.n);
  let at = 0;
  let prev = 0;
  for (let i = 0; i < packed.n; i++) {
    let b = bytes[at++]!;
    let z = b & 0x7f;
    for (let shift = 7; b & 0x80; shift += 7) {
      b = bytes[at++]!;
      z |= (b & 0x7f) << shift;
    }
    prev = (prev + ((z >>> 1) ^ -(z & 1))) | 0;
    out[i] = prev;
  }
  return out;
}
