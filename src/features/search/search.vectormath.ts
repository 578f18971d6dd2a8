/**
 * Vectors: their stored form (Float32 little-endian, base64), unit length, 8-bit quantisation
 * for memory (a quarter of Float32; cosines move by about 0.002), dot products.
 */

export function encodeVector(v: ArrayLike<number>): string {
  const bytes = new Uint8Array(Float32Array.from(v).buffer);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export function decodeVector(text: string): Float32Array {
  const bin = atob(text);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Float32Array(bytes.buffer, 0, bytes.length >> 2);
}

/** The unit vector of `v`, or null when it has no direction or holds a non-finite number. */
export function unitVector(v: ArrayLike<number>): Float32Array | null {
  let n = 0;
  for (let i = 0; i < v.length; i++) n += v[i]! * v[i]!;
  if (!Number.isFinite(n) || n === 0) return null;
  const inv = 1 / Math.sqrt(n);
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i]! * inv;
  return out;
}

/** Dot product of `q` with the row of `data` starting at `offset` (four running sums: ~2× faster). */
/**
 * Writes `unit` into `into` at `offset` as signed bytes scaled by its largest component;
 * returns the scale that turns byte dot products back into cosines.
 */
export function quantize(unit: Float32Array, into: Int8Array, offset: number): number {
  let max = 0;
  for (let i = 0; i < unit.length; i++) max = Math.max(max, Math.abs(unit[i]!));
  const k = max > 0 ? 127 / max : 0;
  for (let i = 0; i < unit.length; i++) into[offset + i] = Math.round(unit[i]! * k);
  return max > 0 ? max / 127 : 0;
}

export function dotAt(q: Float32Array, data: Float32Array | Int8Array, offset: number): number {
  const n = q.length;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += q[i]! * data[offset + i]!;
    s1 += q[i + 1]! * data[offset + i + 1]!;
    s2 += q[i + 2]! * data[offset + i + 2]!;
    s3 += q[i + 3]! * data[offset + i + 3]!;
  }
  for (; i < n; i++) s0 += q[i]! * data[offset + i]!;
  return s0 + s1 + s2 + s3;
}
