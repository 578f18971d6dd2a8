/**
 * Driving the project's own wrangler from scripts (dev:worker, worker:admin, bench:worker):
 * D1 migrations and queries through `wrangler d1`, and `wrangler dev` as a child process.
 * Local mode needs no Cloudflare account and no network; `remote` talks to the real D1.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WRANGLER = fileURLToPath(new URL('../../node_modules/.bin/wrangler', import.meta.url));

/** Where a D1 command runs: the local database of `wrangler dev` (optionally in another folder) or the real one. */
export type D1Target = { remote?: boolean; persistTo?: string };

const wranglerEnv = () => ({ ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1', FORCE_COLOR: '0' });

const targetArgs = (t: D1Target) => (t.remote ? ['--remote'] : ['--local', ...(t.persistTo ? ['--persist-to', t.persistTo] : [])]);

/** Runs wrangler to completion; rejects with its output when it fails. */
export function runWrangler(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(WRANGLER, args, { cwd: ROOT, env: wranglerEnv(), maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`wrangler ${args.slice(0, 3).join(' ')} failed:\n${stdout}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/** `wrangler d1 migrations apply DB`: the same migrations/ folder drizzle-kit writes (wrangler.toml migrations_dir). */
export async function applyD1Migrations(target: D1Target = {}): Promise<void> {
  await runWrangler(['d1', 'migrations', 'apply', 'DB', ...targetArgs(target)]);
}

/** Runs SQL on the D1 database and returns the rows of its last statement. */
export async function queryD1<T = Record<string, unknown>>(sql: string, target: D1Target = {}): Promise<T[]> {
  const out = await runWrangler(['d1', 'execute', 'DB', ...targetArgs(target), '--json', '--command', sql]);
  const results = JSON.parse(out.slice(out.indexOf('['))) as Array<{ results: T[] }>;
  return results.at(-1)?.results ?? [];
}

/** Renders a drizzle query with its parameters inlined, for `wrangler d1 execute --command` (which takes no parameters). */
export function inlineSql(query: { sql: string; params: unknown[] }): string {
  let i = 0;
  return query.sql.replace(/\?/g, () => {
    const value = query.params[i++];
    if (value === null || value === undefined) return 'NULL';
    if (typeof value === 'number' || typeof value === 'bigint') return String(value);
    if (typeof value === 'boolean') return value ? '1' : '0';
    return `'${String(value).replaceAll("'", "''")}'`;
  });
}

export type DevServer = { url: string; child: ChildProcess; stop: () => Promise<void>; /** What wrangler printed (when started quiet). */ output: () => string };

/**
 * Starts `wrangler dev` (local workerd, local D1) and resolves once /healthz answers.
 * `vars` override wrangler.toml [vars] for this run only.
 */
export async function startWranglerDev(options: {
  port: number;
  persistTo?: string;
  vars?: Record<string, string>;
  quiet?: boolean;
  /** A bundle built beforehand (`wrangler deploy --dry-run --outdir`): served as is, not rebuilt when sources change. */
  script?: string;
}): Promise<DevServer> {
  // --test-scheduled: GET /__scheduled?cron=… runs the cron handler (the /cdn-cgi/handler route fails with [assets] in wrangler 4.86).
  const args = ['dev', '--port', String(options.port), '--ip', '127.0.0.1', '--show-interactive-dev-session=false', '--test-scheduled'];
  if (options.script) args.splice(1, 0, options.script, '--no-bundle', '--config', path.join(ROOT, 'wrangler.toml'));
  if (options.persistTo) args.push('--persist-to', options.persistTo);
  for (const [k, v] of Object.entries(options.vars ?? {})) args.push('--var', `${k}:${v}`);
  const child = spawn(WRANGLER, args, { cwd: ROOT, env: wranglerEnv(), stdio: options.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit', detached: true });
  let printed = '';
  const keep = (chunk: Buffer) => {
    printed = (printed + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const output = () => printed;
  const url = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    process.kill(-child.pid, 'SIGTERM'); // the whole group: wrangler and its workerd
    await exited;
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with code ${child.exitCode}\n${printed}`);
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (ok) return { url, child, stop, output };
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`wrangler dev did not answer /healthz within 60 s\n${printed}`);
}

/** Process ids of `root` and all its descendants (Linux /proc). */
export function processTree(root: number): number[] {
  let kids: number[] = [];
  try {
    kids = readFileSync(`/proc/${root}/task/${root}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number);
  } catch {
    kids = [];
  }
  return [root, ...kids.flatMap(processTree)];
}

/** CPU time (ms) the processes have used so far, all threads, from /proc/<pid>/task/<tid>/schedstat (ns precision). */
export function cpuTimeMs(pids: number[]): number {
  let ns = 0;
  for (const pid of pids) {
    let tids: string[] = [];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue; // exited
    }
    for (const tid of tids) {
      try {
        ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      } catch {
        // thread ended between the listing and the read
      }
    }
  }
  return ns / 1e6;
}
