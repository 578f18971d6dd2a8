/**
 * Engine snapshots in the database (`search_snapshots`): how a new isolate gets its index
 * without re-indexing every article. Why the database and not KV or R2: docs/scaling.md.
 *
 * A snapshot is the engine's JSON (`SearchEngine.toJSON`), gzip-compressed (about 4× smaller:
 * less to fetch from D1 or Turso over the network), base64-encoded (text columns read the same
 * on every driver; D1 returns blobs as arrays of numbers) and split into chunks under D1's 1 MB
 * value limit. Values are bound parameters, so D1's 100 KB statement limit does not apply.
 * Runtime-neutral: CompressionStream, atob/btoa and Response exist in Node and workerd.
 */
import { and, desc, eq, notInArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { searchSnapshots } from '../../db/schema/index.js';

/** Engine snapshot version 1, gzip, base64. Readers ignore rows of any other format. */
export const SNAPSHOT_FORMAT = 'engine1+gzip+base64';
/** Largest chunk, in bytes (base64 is ASCII: one byte per character); D1 refuses values over 1,000,000. */
export const CHUNK_BYTES = 900_000;
/** Chunks written per batch: keeps each request to D1 or Turso to a few MB. */
const CHUNKS_PER_BATCH = 4;

async function pipe(bytes: Uint8Array<ArrayBuffer>, transform: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Bytes per btoa slice: a multiple of 3, so the slices' base64 concatenates without padding inside. */
const SLICE = 3 * 8192;

function toBase64(bytes: Uint8Array): string {
  let out = '';
  // btoa takes a "binary string"; build it in slices (String.fromCharCode has an argument limit).
  for (let i = 0; i < bytes.length; i += SLICE) {
    out += btoa(String.fromCharCode(...bytes.subarray(i, i + SLICE)));
  }
  return out;
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** JSON → gzip → base64. */
export async function encodeSnapshot(value: unknown): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(value));
  return toBase64(await pipe(json, new CompressionStream('gzip')));
}

export async function decodeSnapshot<T>(data: string): Promise<T> {
  const json = await pipe(fromBase64(data), new DecompressionStream('gzip'));
  return JSON.parse(new TextDecoder().decode(json)) as T;
}

export type StoredSnapshot = { id: string; version: string; bytes: number; chunks: number };

/**
 * Stores one snapshot, then deletes all but the newest `keep`. Chunks go in a few batches; a
 * reader that finds a snapshot incomplete (its writer died, or is still writing) skips it.
 */
export async function saveSnapshot(
  db: Db,
  input: { id: string; version: string; data: string; now: Date; keep: number; chunkBytes?: number },
): Promise<StoredSnapshot> {
  const { id, version, data, now } = input;
  const size = input.chunkBytes ?? CHUNK_BYTES;
  const chunks = Math.max(1, Math.ceil(data.length / size));
  const rows = Array.from({ length: chunks }, (_, chunk) => ({
    id,
    chunk,
    chunks,
    version,
    format: SNAPSHOT_FORMAT,
    bytes: data.length,
    data: data.slice(chunk * size, (chunk + 1) * size),
    createdAt: now,
  }));
  for (let i = 0; i < rows.length; i += CHUNKS_PER_BATCH) {
    const [first, ...rest] = rows.slice(i, i + CHUNKS_PER_BATCH).map((row) => db.insert(searchSnapshots).values(row));
    await db.batch([first!, ...rest]);
  }
  await pruneSnapshots(db, input.keep);
  return { id, version, bytes: data.length, chunks };
}

/** Deletes every snapshot but the newest `keep` (one statement). */
export async function pruneSnapshots(db: Db, keep: number): Promise<void> {
  const newest = db
    .select({ id: searchSnapshots.id })
    .from(searchSnapshots)
    .where(eq(searchSnapshots.chunk, 0))
    .orderBy(desc(searchSnapshots.createdAt), desc(searchSnapshots.id))
    .limit(keep);
  await db.delete(searchSnapshots).where(notInArray(searchSnapshots.id, newest));
}

/** The newest snapshots of a format this code reads, newest first (no data). */
export async function listSnapshots(db: Db, limit = 3): Promise<StoredSnapshot[]> {
  return db
    .select({ id: searchSnapshots.id, version: searchSnapshots.version, bytes: searchSnapshots.bytes, chunks: searchSnapshots.chunks })
    .from(searchSnapshots)
    .where(and(eq(searchSnapshots.chunk, 0), eq(searchSnapshots.format, SNAPSHOT_FORMAT)))
    .orderBy(desc(searchSnapshots.createdAt), desc(searchSnapshots.id))
    .limit(limit);
}

/** The encoded data of a snapshot, or null when some chunk is missing. */
export async function readSnapshotData(db: Db, snapshot: StoredSnapshot): Promise<string | null> {
  const rows = await db
    .select({ chunk: searchSnapshots.chunk, data: searchSnapshots.data })
    .from(searchSnapshots)
    .where(eq(searchSnapshots.id, snapshot.id))
    .orderBy(searchSnapshots.chunk);
  if (rows.length !== snapshot.chunks || rows.some((r, i) => r.chunk !== i)) return null;
  return rows.map((r) => r.data).join('');
}
