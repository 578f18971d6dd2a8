import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { readEnv } from '../../src/runtime/config.js';
import { createChatModel } from '../../src/runtime/llm.js';
import { createBotApp } from './fixtures.js';

/** A local stand-in for an OpenAI-compatible server (Ollama, vLLM): streams a fixed reply. */
function fakeOpenAiServer(reply: string) {
  const requests: Array<{ path: string; body: { model: string; messages: Array<{ role: string; content: string }>; stream?: boolean } }> = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = JSON.parse(raw);
      requests.push({ path: req.url ?? '', body });
      const chunk = (content: string, finish: string | null) =>
        `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 0, model: body.model, choices: [{ index: 0, delta: { content }, finish_reason: finish }] })}\n\n`;
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      for (const word of reply.split(/(?<= )/)) res.write(chunk(word, null));
      res.write(chunk('', 'stop'));
      res.end('data: [DONE]\n\n');
    });
  });
  return new Promise<{ server: Server; url: string; requests: typeof requests }>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, requests })),
  );
}

describe('LLM_PROVIDER=openai (OpenAI-compatible endpoint)', () => {
  const servers: Server[] = [];
  afterAll(() => servers.forEach((s) => s.close()));

  it('answers through a configured endpoint, grounded and cited', async () => {
    const fake = await fakeOpenAiServer('Refunds reach bank cards within 1–5 business days [1].');
    servers.push(fake.server);
    const chatModel = createChatModel(readEnv({ LLM_PROVIDER: 'openai', LLM_BASE_URL: fake.url, LLM_MODEL: 'llama3.1', LLM_API_KEY: 'k' }));
    const t = await createBotApp({ chatModel });
    const c = await t.start({ locale: 'en' });
    const { json } = await t.say(c, 'How long does a refund take?');
    expect(json.reply.text).toContain('within 1–5 business days [1]');
    expect(fake.requests[0]!.path).toBe('/v1/chat/completions');
    expect(fake.requests[0]!.body).toMatchObject({ model: 'llama3.1', stream: true });
    expect(fake.requests[0]!.body.messages[0]!.role).toBe('system');
  });

  it('is off by default', () => {
    expect(createChatModel(readEnv({}))).toBeUndefined();
  });
});
