/** An OpenAI-compatible `/embeddings` endpoint over HTTP answering with concept vectors (tests). */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { conceptVector } from './concept-embeddings.js';

const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as { input: string | string[]; model: string; encoding_format?: string };
};

/** An OpenAI-compatible `/embeddings` endpoint answering with concept vectors. */
export async function startEmbeddingsServer(port = 0): Promise<{ url: string; server: Server; requests: { model: string; inputs: number; auth: string | undefined }[] }> {
  const requests: { model: string; inputs: number; auth: string | undefined }[] = [];
  const server = createServer(async (req, res) => {
    if (req.method !== 'POST' || !req.url?.endsWith('/embeddings')) return void res.writeHead(404).end();
    const body = await readBody(req);
    const inputs = Array.isArray(body.input) ? body.input : [body.input];
    requests.push({ model: body.model, inputs: inputs.length, auth: req.headers.authorization });
    const data = inputs.map((text, index) => {
      const vector = conceptVector(text);
      // The OpenAI client asks for base64 floats unless told otherwise.
      const embedding = body.encoding_format === 'base64' ? Buffer.from(Float32Array.from(vector).buffer).toString('base64') : vector;
      return { object: 'embedding', index, embedding };
    });
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ object: 'list', data, model: body.model, usage: { prompt_tokens: 1, total_tokens: 1 } }));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${address.port}/v1`, server, requests };
}
