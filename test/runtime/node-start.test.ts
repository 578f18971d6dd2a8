import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Starts `npm start`'s entry as a child process and resolves with its port and output. */
function startNode(env: Record<string, string>): Promise<{ child: ChildProcess; port: number; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/runtime/node.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`node entry did not start:\n${out}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /"msg":"listening".*"port":(\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, port: Number(match[1]), output: () => out });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`node entry exited with ${code}:\n${out}`)));
  });
}

describe('npm start (the Node entry)', () => {
  const children: ChildProcess[] = [];
  let dir = '';
  afterAll(async () => {
    for (const c of children) c.kill('SIGTERM');
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('migrates a new file database, imports knowledge/, prints an admin token once and serves', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'helpdesk-'));
    const env = { DATABASE_URL: `file:${path.join(dir, 'db', 'helpdesk.db')}` };
    const first = await startNode(env);
    children.push(first.child);
    const base = `http://localhost:${first.port}`;
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect((await ready.json()).status).toBe('ready');
    const list = await (await fetch(`${base}/api/articles?locale=zh&limit=1`)).json();
    expect(list.total).toBeGreaterThanOrEqual(30);

    const token = /^\s+(ehd_\S+)$/m.exec(first.output())?.[1];
    expect(token).toBeTruthy();
    const staff = await fetch(`${base}/api/admin/staff`, { headers: { Authorization: `Bearer ${token}` } });
    expect(staff.status).toBe(200);

    // A second start on the same database neither re-imports nor prints a new token.
    first.child.kill('SIGTERM');
    await new Promise((r) => first.child.once('exit', r));
    const second = await startNode(env);
    children.push(second.child);
    expect(second.output()).not.toMatch(/ehd_/);
    expect(second.output()).not.toContain('knowledge imported');
    const again = await (await fetch(`http://localhost:${second.port}/api/articles?locale=zh&limit=1`)).json();
    expect(again.total).toBe(list.total);
  });
});
