/**
 * `npm run bench:worker [-- N]`: the Worker's runtime limits, measured in workerd.
 * - Bundle: `wrangler deploy --dry-run` output, raw and gzip (the free plan allows 3 MB gzip).
 * - CPU per request for the main flows, against `wrangler dev` (local workerd, local D1, the
 *   sample knowledge base): CPU time used by the workerd processes (all threads, from
 *   /proc/…/schedstat) over N sequential requests, divided by N. It is an upper bound of what
 *   Cloudflare bills as Worker CPU: it also holds the local D1's SQLite work and workerd's HTTP
 *   handling, which on Cloudflare run elsewhere. Wall times are measured by the client.
 * - Start-up: V8 profile of the Worker's global scope (`wrangler check startup`).
 * - Cold start: first search in a fresh isolate (wrangler dev restarted on the same data).
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { createD1Staff } from './lib/d1-staff.js';
import { percentile } from './lib/metrics.js';
import { pushKnowledge } from './lib/push-knowledge.js';
import { applyD1Migrations, cpuTimeMs, processTree, runWrangler, startWranglerDev, type DevServer } from './lib/wrangler.js';

const N = Number(process.argv[2] ?? 100);
const PORT = Number(process.env.PORT ?? 8799);
const VARS = { LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '100000' };

const ZH = ['退款多久到账', '怎么修改收货地址', '发票怎么开', '取消订单', '忘记密码怎么办', '快递丢了怎么办', '支付失败', '积分怎么用', '退货运费谁出', '会员自动续费'];
const EN = ['how long does a refund take', 'change delivery address', 'get an invoice', 'cancel my order', 'reset password', 'parcel lost', 'payment failed', 'use my points', 'who pays return shipping', 'cancel auto renew'];

type Row = { flow: string; cpuMs: number; p50: number; p95: number };

/** Builds the bundle as `wrangler deploy` would; the bench then serves this file, so edits to src/ meanwhile change nothing. */
async function buildBundle(out: string): Promise<{ file: string; raw: number; gzip: number }> {
  await runWrangler(['deploy', '--dry-run', '--outdir', out]);
  const file = path.join(out, 'worker.js');
  return { file, raw: (await stat(file)).size, gzip: gzipSync(await readFile(file)).length };
}

/** The workerd processes under wrangler (not wrangler's own Node process, nor esbuild). */
/**
 * The Worker's start-up (global scope: module evaluation, route and schema construction) from
 * `wrangler check startup`: V8's sampling profile of it; busy = samples not idle. Cloudflare
 * allows 1 s of start-up CPU.
 */
async function startupProfile(dir: string): Promise<{ busyMs: number; totalMs: number }> {
  const file = path.join(dir, 'startup.cpuprofile');
  await runWrangler(['check', 'startup', '--outfile', file]);
  const profile = JSON.parse(await readFile(file, 'utf8')) as {
    nodes: Array<{ id: number; callFrame: { functionName: string } }>;
    samples: number[];
    timeDeltas: number[];
    startTime: number;
    endTime: number;
  };
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
  const busyUs = profile.samples.reduce((sum, node, i) => sum + (idle.has(node) ? 0 : (profile.timeDeltas[i] ?? 0)), 0);
  return { busyMs: busyUs / 1000, totalMs: (profile.endTime - profile.startTime) / 1000 };
}

const workerdPids = (dev: DevServer) =>
  (dev.child.pid === undefined ? [] : processTree(dev.child.pid)).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'workerd';
    } catch {
      return false;
    }
  });

/** Runs `request(i)` n times in sequence (after 5 unmeasured warm-ups); CPU of workerd and client wall times. */
async function measure(dev: DevServer, flow: string, n: number, send: (i: number) => Promise<Response>): Promise<Row> {
  const request = (i: number) =>
    send(i).catch((error: unknown) => {
      throw new Error(`bench:worker: ${flow}: ${String(error)} (${String((error as { cause?: unknown }).cause)})\n${dev.output().slice(-3000)}`);
    });
  for (let i = 0; i < 5; i++) await (await request(i)).arrayBuffer();
  const pids = workerdPids(dev);
  const times: number[] = [];
  const cpuBefore = cpuTimeMs(pids);
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await request(i + 5);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`bench:worker: ${flow} answered ${res.status}`);
    times.push(performance.now() - t0);
  }
  return { flow, cpuMs: (cpuTimeMs(pids) - cpuBefore) / n, p50: percentile(times, 50), p95: percentile(times, 95) };
}

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

async function startConversation(url: string, locale: string) {
  return (await (await fetch(`${url}/api/conversations`, json({ locale }))).json()) as { id: string; token: string };
}

async function flows(dev: DevServer, tokens: { agent: string; editor: string }): Promise<Row[]> {
  const url = dev.url;
  const rows: Row[] = [];
  // The floor: workerd's HTTP handling, the assets router and the app's middleware, then one D1 query.
  rows.push(await measure(dev, 'GET /healthz (no database)', N, () => fetch(`${url}/healthz`)));
  rows.push(await measure(dev, 'GET /readyz (one D1 query)', N, () => fetch(`${url}/readyz`)));
  rows.push(await measure(dev, 'search zh (API)', N, (i) => fetch(`${url}/api/search?q=${encodeURIComponent(ZH[i % ZH.length]!)}&locale=zh`)));
  rows.push(await measure(dev, 'search en (API)', N, (i) => fetch(`${url}/api/search?q=${encodeURIComponent(EN[i % EN.length]!)}&locale=en`)));
  rows.push(await measure(dev, 'article (API)', N, () => fetch(`${url}/api/articles/en/track-my-order`)));
  rows.push(await measure(dev, 'help center search page', N, (i) => fetch(`${url}/zh/search?q=${encodeURIComponent(ZH[i % ZH.length]!)}`)));
  rows.push(await measure(dev, 'help center article page', N, () => fetch(`${url}/zh/articles/when-will-i-get-my-refund`)));

  // Bot turns: a new conversation every 5 turns (conversations hold at most 200 messages).
  let conversation = await startConversation(url, 'zh');
  rows.push(
    await measure(dev, 'bot turn (message + answer)', N, async (i) => {
      if (i % 5 === 0) conversation = await startConversation(url, i % 2 ? 'en' : 'zh');
      const q = i % 2 ? EN[i % EN.length]! : ZH[i % ZH.length]!;
      return fetch(`${url}/api/conversations/${conversation.id}/messages`, json({ text: `${q}?` }, { 'X-Conversation-Token': conversation.token }));
    }),
  );

  // Claims: each measured request claims a fresh handoff made beforehand (not measured).
  const handoffs: string[] = [];
  for (let i = 0; i < N + 5; i++) {
    const c = await startConversation(url, 'zh');
    await fetch(`${url}/api/conversations/${c.id}/messages`, json({ text: '转人工' }, { 'X-Conversation-Token': c.token }));
  }
  const queue = (await (await fetch(`${url}/api/queue?limit=200`, { headers: { Authorization: `Bearer ${tokens.agent}` } })).json()) as { items: Array<{ id: string }> };
  handoffs.push(...queue.items.map((h) => h.id));
  const claims = Math.min(N, handoffs.length - 5);
  rows.push(await measure(dev, 'handoff claim (agent)', claims, (i) => fetch(`${url}/api/handoffs/${handoffs[i]}/claim`, { method: 'POST', headers: { Authorization: `Bearer ${tokens.agent}` } })));

  // Publishing: drafts made beforehand, each measured request publishes one.
  const drafts: string[] = [];
  for (let i = 0; i < N + 5; i++) {
    const res = await fetch(`${url}/api/articles`, json({ locale: 'en', slug: `bench-${i}`, title: `Bench article ${i}`, body: `Body of bench article ${i}.`, category: 'orders' }, { Authorization: `Bearer ${tokens.editor}` }));
    drafts.push(((await res.json()) as { id: string }).id);
  }
  rows.push(await measure(dev, 'editor publish', N, (i) => fetch(`${url}/api/articles/${drafts[i]}/publish`, { method: 'POST', headers: { Authorization: `Bearer ${tokens.editor}` } })));
  return rows;
}

async function coldSearch(dir: string, script: string): Promise<{ wallMs: number; cpuMs: number; startCpuMs: number }> {
  const dev = await startWranglerDev({ port: PORT, persistTo: dir, quiet: true, vars: VARS, script });
  try {
    // startWranglerDev already sent /healthz (isolate started, deps built); the index is not loaded yet.
    const pids = workerdPids(dev);
    const startCpuMs = cpuTimeMs(pids);
    const t0 = performance.now();
    const res = await fetch(`${dev.url}/api/search?q=${encodeURIComponent(ZH[0]!)}&locale=zh`);
    await res.arrayBuffer();
    return { wallMs: performance.now() - t0, cpuMs: cpuTimeMs(pids) - startCpuMs, startCpuMs };
  } finally {
    await dev.stop();
  }
}

async function main() {
  const dir = await mkdtemp(path.join(tmpdir(), 'helpdesk-bench-'));
  try {
    const bundle = await buildBundle(path.join(dir, 'bundle'));
    console.log(`bundle: ${(bundle.raw / 1024).toFixed(0)} KiB raw, ${(bundle.gzip / 1024).toFixed(0)} KiB gzip (limit 3 MB gzip on the free plan, 10 MB paid)`);
    const script = bundle.file;
    const startup = await startupProfile(dir);
    console.log(`start-up (global scope, wrangler check startup): ${startup.busyMs.toFixed(0)} ms busy in a ${startup.totalMs.toFixed(0)} ms profile`);
    await applyD1Migrations({ persistTo: dir });
    const admin = await createD1Staff('Bench admin', 'admin', { persistTo: dir });
    const agent = await createD1Staff('Bench agent', 'agent', { persistTo: dir });
    const editor = await createD1Staff('Bench editor', 'editor', { persistTo: dir });
    let dev = await startWranglerDev({ port: PORT, persistTo: dir, quiet: true, vars: VARS, script });
    const report = await pushKnowledge(dev.url, admin.token);
    console.log(`knowledge: ${report.created} articles imported over HTTP into local D1`);
    await dev.stop();

    const cold = await coldSearch(dir, script);
    console.log(`cold start: first search in a new isolate ${cold.wallMs.toFixed(0)} ms wall, ${cold.cpuMs.toFixed(0)} ms CPU (workerd start to first /healthz: ${cold.startCpuMs.toFixed(0)} ms CPU)`);

    dev = await startWranglerDev({ port: PORT, persistTo: dir, quiet: true, vars: VARS, script });
    try {
      const rows = await flows(dev, { agent: agent.token, editor: editor.token });
      console.log(`\nwarm isolate, ${N} sequential requests per flow (after 5 warm-ups):\n`);
      console.log('| flow | CPU ms / request (workerd, incl. local D1) | wall p50 ms | wall p95 ms |');
      console.log('|---|---|---|---|');
      for (const r of rows) console.log(`| ${r.flow} | ${r.cpuMs.toFixed(2)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} |`);
    } finally {
      await dev.stop();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
