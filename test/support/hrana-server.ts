/**
 * A small libSQL server for tests: the Hrana-over-HTTP protocol (v2, JSON) that
 * `@libsql/client/web` speaks to Turso, served from an embedded libSQL file. It lets the
 * workerd suite run the Worker against "Turso over HTTP" on a machine with no network.
 * Covers what the client sends: pipelines of execute / batch (with step conditions) /
 * store_sql / close_sql / close / get_autocommit. The client wraps a batch in BEGIN … COMMIT
 * statements; the embedded client pools connections, so those become one of its interactive
 * transactions. Pipelines run one at a time, so a transaction never interleaves with another.
 */
import { createServer, type Server } from 'node:http';
import type { Client, InValue, ResultSet, Transaction, TransactionMode } from '@libsql/client';

type HValue = { type: 'null' } | { type: 'integer'; value: string } | { type: 'float'; value: number } | { type: 'text'; value: string } | { type: 'blob'; base64: string };
type HStmt = { sql?: string; sql_id?: number; args?: HValue[]; named_args?: Array<{ name: string; value: HValue }> };
type HCond = { type: 'ok' | 'error'; step: number } | { type: 'not'; cond: HCond } | { type: 'and' | 'or'; conds: HCond[] } | { type: 'is_autocommit' };
type HRequest =
  | { type: 'execute'; stmt: HStmt }
  | { type: 'batch'; batch: { steps: Array<{ condition?: HCond; stmt: HStmt }> } }
  | { type: 'store_sql'; sql_id: number; sql: string }
  | { type: 'close_sql'; sql_id: number }
  | { type: 'close' | 'get_autocommit' | 'sequence' | 'describe' };

const decode = (v: HValue): InValue => {
  switch (v.type) {
    case 'null':
      return null;
    case 'integer':
      return BigInt(v.value);
    case 'float':
      return v.value;
    case 'text':
      return v.value;
    case 'blob':
      return new Uint8Array(Buffer.from(v.base64, 'base64'));
  }
};

const encode = (v: unknown): HValue => {
  if (v === null || v === undefined) return { type: 'null' };
  if (typeof v === 'bigint') return { type: 'integer', value: String(v) };
  if (typeof v === 'number') return { type: 'float', value: v };
  if (typeof v === 'string') return { type: 'text', value: v };
  if (v instanceof ArrayBuffer) return { type: 'blob', base64: Buffer.from(v).toString('base64') };
  return { type: 'text', value: String(v) };
};

const toResult = (rs: ResultSet) => ({
  cols: rs.columns.map((name, i) => ({ name, decltype: rs.columnTypes[i] || null })),
  rows: rs.rows.map((row) => rs.columns.map((_, i) => encode(row[i]))),
  affected_row_count: rs.rowsAffected,
  last_insert_rowid: rs.lastInsertRowid === undefined ? null : String(rs.lastInsertRowid),
});

/** Serves `client` (an embedded libSQL database created with intMode 'bigint') over Hrana HTTP. */
export function startHranaServer(client: Client): Promise<{ url: string; server: Server; requests: () => number }> {
  let autocommit = true;
  let queue = Promise.resolve();
  let requests = 0;

  let tx: Transaction | undefined;
  const EMPTY = { cols: [], rows: [], affected_row_count: 0, last_insert_rowid: null };

  const endTransaction = async (how: 'commit' | 'rollback') => {
    if (!tx) throw new Error(`SQLITE_ERROR: cannot ${how} - no transaction is active`);
    const open = tx;
    tx = undefined;
    autocommit = true;
    await open[how]();
  };

  const run = async (stmt: HStmt, sqls: Map<number, string>) => {
    const sql = stmt.sql ?? sqls.get(stmt.sql_id ?? -1);
    if (sql === undefined) throw new Error(`hrana test server: unknown sql_id ${stmt.sql_id}`);
    const upper = sql.trim().toUpperCase();
    if (upper.startsWith('BEGIN')) {
      if (tx) throw new Error('SQLITE_ERROR: cannot start a transaction within a transaction');
      const mode: TransactionMode = upper.includes('IMMEDIATE') ? 'write' : upper.includes('READONLY') ? 'read' : 'deferred';
      tx = await client.transaction(mode);
      autocommit = false;
      return EMPTY;
    }
    if (upper.startsWith('COMMIT') || upper.startsWith('END')) return endTransaction('commit').then(() => EMPTY);
    if (upper.startsWith('ROLLBACK')) return endTransaction('rollback').then(() => EMPTY);
    const named = Object.fromEntries((stmt.named_args ?? []).map((a) => [a.name.replace(/^[:@$]/, ''), decode(a.value)]));
    const args = stmt.named_args?.length ? named : (stmt.args ?? []).map(decode);
    return toResult(await (tx ?? client).execute({ sql, args }));
  };

  const holds = (cond: HCond, ok: Array<boolean | null>): boolean => {
    switch (cond.type) {
      case 'ok':
        return ok[cond.step] === true;
      case 'error':
        return ok[cond.step] === false;
      case 'not':
        return !holds(cond.cond, ok);
      case 'and':
        return cond.conds.every((c) => holds(c, ok));
      case 'or':
        return cond.conds.some((c) => holds(c, ok));
      case 'is_autocommit':
        return autocommit;
    }
  };

  const handle = async (req: HRequest, sqls: Map<number, string>) => {
    switch (req.type) {
      case 'execute':
        return { type: 'execute', result: await run(req.stmt, sqls) };
      case 'batch': {
        const ok: Array<boolean | null> = [];
        const results: unknown[] = [];
        const errors: unknown[] = [];
        for (const step of req.batch.steps) {
          if (step.condition && !holds(step.condition, ok)) {
            ok.push(null);
            results.push(null);
            errors.push(null);
            continue;
          }
          try {
            results.push(await run(step.stmt, sqls));
            errors.push(null);
            ok.push(true);
          } catch (error) {
            results.push(null);
            errors.push({ message: String(error instanceof Error ? error.message : error), code: 'SQLITE_ERROR' });
            ok.push(false);
          }
        }
        return { type: 'batch', result: { step_results: results, step_errors: errors } };
      }
      case 'store_sql':
        sqls.set(req.sql_id, req.sql);
        return { type: 'store_sql' };
      case 'close_sql':
        sqls.delete(req.sql_id);
        return { type: 'close_sql' };
      case 'get_autocommit':
        return { type: 'get_autocommit', is_autocommit: autocommit };
      case 'close':
        return { type: 'close' };
      default:
        throw new Error(`hrana test server: ${req.type} is not supported`);
    }
  };

  const pipeline = async (body: { requests: HRequest[] }) => {
    const sqls = new Map<number, string>();
    const results = [];
    for (const req of body.requests) {
      try {
        results.push({ type: 'ok', response: await handle(req, sqls) });
      } catch (error) {
        results.push({ type: 'error', error: { message: String(error instanceof Error ? error.message : error), code: 'SQLITE_ERROR' } });
      }
    }
    // No baton: every pipeline is a stream of its own (the client opens one per call), and a
    // stream that ends inside a transaction rolls it back, as sqld does.
    if (tx) await endTransaction('rollback');
    return { baton: null, base_url: null, results };
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'GET' && req.url === '/v2') return void res.writeHead(200).end();
      if (req.method !== 'POST' || req.url !== '/v2/pipeline') return void res.writeHead(404).end();
      requests++;
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { requests: HRequest[] };
      queue = queue.then(async () => {
        const out = await pipeline(body);
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(out));
      });
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${port}`, server, requests: () => requests });
    });
  });
}
