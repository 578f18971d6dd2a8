/**
 * Engine snapshots in the database (`search_snapshots`): how a new isolate gets its index
 * without re-indexing every article. Why the database and not KV or R2: docs/scaling.md.
 *
 * A snapshot is the engine's JSON (`SearchEngine.toJSON`) in one of two encodings:
 * - `json`: as is. Decoding is one JSON.parse: the fastest start while the snapshot is small.
 * - `gzip+base64`: about 4× smaller, so less to fetch from D1 or Turso over the network, for
 *   large snapshots (above `GZIP_ABOVE`). Base64 because text columns read the same on every
 *   driver (D1 returns blobs as arrays of numbers).
 * Either way the text is split into chunks under D1's 1 MB value limit; values are bound
 * parameters, so D1's 100 KB statement limit does not apply. Runtime-neutral:
 * CompressionStream, atob/btoa and Response exist in Node and workerd.
 */
import { and, desc, eq, inArray, notInArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { searchSnapshots } from '../../db/schema/index.js';

/** Snapshot payload version 1 (search.memory.ts) in either encoding. Readers ignore rows of any other format. */
export const SNAPSHOT_FORMATS = ['snapshot1+json', 'snapshot1+gzip+base64'] as const;
export type SnapshotFormat = (typeof SNAPSHOT_FORMATS)[number];
/** JSON larger than this is stored gzip-compressed (characters; JSON here is ASCII). */
export const GZIP_ABOVE = 16 * 1048576;
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

export type EncodedSnapshot = { format: SnapshotFormat; data: string };

/** JSON, compressed (gzip → base64) when longer than `gzipAbove`. */
export async function encodeSnapshot(value: unknown, gzipAbove = GZIP_ABOVE): Promise<EncodedSnapshot> {
  const json = JSON.stringify(value);
  if (json.length <= gzipAbove) return { format: 'snapshot1+json', data: json };
  return { format: 'snapshot1+gzip+base64', data: toBase64(await pipe(new TextEncoder().encode(json), new CompressionStream('gzip'))) };
}

export async function decodeSnapshot<T>(snapshot: EncodedSnapshot): Promise<T> {
  if (snapshot.format === 'snapshot1+json') return JSON.parse(snapshot.data) as T;
  const json = await pipe(fromBase64(snapshot.data), new DecompressionStream('gzip'));
  return JSON.parse(new TextDecoder().decode(json)) as T;
}

export type StoredSnapshot = { id: string; version: string; format: SnapshotFormat; bytes: number; chunks: number };

/**
 * Stores one snapshot, then deletes all but the newest `keep`. Chunks go in a few batches; a
 * reader that finds a snapshot incomplete (its writer died, or is still writing) skips it.
 */
export async function saveSnapshot(
  db: Db,
  input: { id: string; version: string; snapshot: EncodedSnapshot; now: Date; keep: number; chunkBytes?: number },
): Promise<StoredSnapshot> {
  const { id, version, now } = input;
  const { format, data } = input.snapshot;
  const size = input.chunkBytes ?? CHUNK_BYTES;
  const chunks = Math.max(1, Math.ceil(data.length / size));
  const rows = Array.from({ length: chunks }, (_, chunk) => ({
    id,
    chunk,
    chunks,
    version,
    format,
    bytes: data.length,
    data: data.slice(chunk * size, (chunk + 1) * size),
    createdAt: now,
  }));
  for (let i = 0; i < rows.length; i += CHUNKS_PER_BATCH) {
    const [first, ...rest] = rows.slice(i, i + CHUNKS_PER_BATCH).map((row) => db.insert(searchSnapshots).values(row));
    await db.batch([first!, ...rest]);
  }
  await pruneSnapshots(db, input.keep);
  return { id, version, format, bytes: data.length, chunks };
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
  const rows = await db
    .select({ id: searchSnapshots.id, version: searchSnapshots.version, format: searchSnapshots.format, bytes: searchSnapshots.bytes, chunks: searchSnapshots.chunks })
    .from(searchSnapshots)
    .where(and(eq(searchSnapshots.chunk, 0), inArray(searchSnapshots.format, [...SNAPSHOT_FORMATS])))
    .orderBy(desc(searchSnapshots.createdAt), desc(searchSnapshots.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, format: r.format as SnapshotFormat }));
}

/** Every chunk of the newest snapshot of a known format, in one query (to batch with others; `assemble` reads it). */
export const newestSnapshotQuery = (db: Db) =>
  db
    .select({ id: searchSnapshots.id, chunk: searchSnapshots.chunk, chunks: searchSnapshots.chunks, version: searchSnapshots.version, format: searchSnapshots.format, data: searchSnapshots.data })
    .from(searchSnapshots)
    .where(
      eq(
        searchSnapshots.id,
        db
          .select({ id: searchSnapshots.id })
          .from(searchSnapshots)
          .where(and(eq(searchSnapshots.chunk, 0), inArray(searchSnapshots.format, [...SNAPSHOT_FORMATS])))
          .orderBy(desc(searchSnapshots.createdAt), desc(searchSnapshots.id))
          .limit(1),
      ),
    )
    .orderBy(searchSnapshots.chunk);

/** The snapshot those rows hold, or null when there are none or a chunk is missing. */
export function assemble(rows: { id: string; chunk: number; chunks: number; version: string; format: string; data: string }[]): (EncodedSnapshot & { version: string }) | null {
  const first = rows[0];
  if (!first || rows.length !== first.chunks || rows.some((r, i) => r.chunk !== i)) return null;
  return { version: first.version, format: first.format as SnapshotFormat, data: rows.map((r) => r.data).join('') };
}

/** The encoded snapshot, or null when some chunk is missing. */
export async function readSnapshot(db: Db, snapshot: StoredSnapshot): Promise<EncodedSnapshot | null> {
  const rows = await db
    .select({ chunk: searchSnapshots.chunk, data: searchSnapshots.data })
    .from(searchSnapshots)
    .where(eq(searchSnapshots.id, snapshot.id))
    .orderBy(searchSnapshots.chunk);
  if (rows.length !== snapshot.chunks || rows.some((r, i) => r.chunk !== i)) return null;
  return { format: snapshot.format, data: rows.map((r) => r.data).join('') };
}
