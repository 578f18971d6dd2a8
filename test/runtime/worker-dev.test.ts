/**
 * The Worker as `wrangler dev` runs it: the real wrangler.toml (no Node compatibility layer,
 * minified bundle, static assets, local D1 with the migrations applied by wrangler), started
 * in global scope like on Cloudflare. The workerd suite (test/workers) tests the flows in
 * depth; this catches what its test harness hides: code that may not run at start-up,
 * Node-only globals, responses compressed twice, the cron handler behind a real trigger, the
 * LLM client (LangChain's OpenAI client) inside a Worker.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createD1Staff } from '../../scripts/lib/d1-staff.js';
import { pushKnowledge } from '../../scripts/lib/push-knowledge.js';
import { applyD1Migrations, startWranglerDev, type DevServer } from '../../scripts/lib/wrangler.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** An OpenAI-compatible chat endpoint that streams a fixed reply and counts its calls. */
function fakeLlm(reply: string): Promise<{ server: Server; url: string; calls: () => number }> {
  let calls = 0;
  const server = createHttpServer((req, res) => {
    req.resume();
    req.on('end', () => {
      calls++;
      const chunk = (content: string, finish: string | null) =>
        `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: finish }] })}\n\n`;
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.end(`${chunk(reply, null)}${chunk('', 'stop')}data: [DONE]\n\n`);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/v1`, calls: () => calls })));
}

const LLM_REPLY = 'Open Orders and tap Track to follow your parcel [1].';

describe('wrangler dev (the Worker with its real configuration)', () => {
  let dir = '';
  let dev: DevServer | undefined;
  let llm: Awaited<ReturnType<typeof fakeLlm>> | undefined;
  let token = '';

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'helpdesk-d1-'));
    await applyD1Migrations({ persistTo: dir });
    token = (await createD1Staff('Test admin', 'admin', { persistTo: dir })).token;
    llm = await fakeLlm(LLM_REPLY);
    const vars = { LOG_LEVEL: 'warn', LLM_PROVIDER: 'openai', LLM_BASE_URL: llm.url, LLM_MODEL: 'test-model', LLM_API_KEY: 'test-key' };
    dev = await startWranglerDev({ port: await freePort(), persistTo: dir, quiet: true, vars });
  }, 120_000);

  afterAll(async () => {
    await dev?.stop();
    llm?.server.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('starts, imports knowledge over HTTP, and serves search, the bot, pages and assets', async () => {
    const url = dev!.url;
    const report = await pushKnowledge(url, token);
    expect(report).toMatchObject({ created: 104, failed: [] });
    expect((await fetch(`${url}/readyz`)).status).toBe(200);

    // Node's fetch asks for gzip: the body must decode to JSON (compressed once, by the platform).
    const search = await fetch(`${url}/api/search?q=${encodeURIComponent('退款多久到账')}&locale=zh`);
    expect(((await search.json()) as { results: Array<{ slug: string }> }).results[0]?.slug).toBe('when-will-i-get-my-refund');

    const start = (await (await fetch(`${url}/api/conversations`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"locale":"en"}' })).json()) as { id: string; token: string };
    const turn = await fetch(`${url}/api/conversations/${start.id}/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Conversation-Token': start.token },
      body: JSON.stringify({ text: 'How do I track my order?' }),
    });
    // The answer is written by the configured LLM (LangChain's OpenAI client, in the Worker), grounded and cited.
    const { reply } = (await turn.json()) as { reply: { text: string; citations: Array<{ url: string }> } };
    expect(reply.citations[0]?.url).toBe('/en/articles/track-my-order');
    expect(reply.text).toContain(LLM_REPLY);
    expect(llm!.calls()).toBeGreaterThan(0);

    expect(await (await fetch(`${url}/zh`)).text()).toContain('lang="zh');
    const asset = await fetch(`${url}/widget.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    const problem = await fetch(`${url}/api/search?q=`);
    expect(problem.headers.get('content-type')).toMatch(/problem\+json/);
  }, 120_000);

  it('runs the cron handler when a trigger fires', async () => {
    const res = await fetch(`${dev!.url}/__scheduled?cron=${encodeURIComponent('17 * * * *')}`);
    expect(res.status).toBe(200);
    expect(dev!.output()).not.toMatch(/scheduled job failed/);
  });
});
