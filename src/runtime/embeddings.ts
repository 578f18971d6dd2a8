import { CloudflareWorkersAIEmbeddings } from '@langchain/cloudflare';
import type { Ai } from '@cloudflare/workers-types';
import { OpenAIEmbeddings } from '@langchain/openai';
import { SemanticSearch } from '../features/search/search.semantic.js';
import type { RuntimeEnv } from './config.js';

/**
 * Semantic re-ranking, when the configuration names an embedding model (off by default):
 * - `EMBEDDINGS_PROVIDER=openai`: any OpenAI-compatible `/embeddings` endpoint — hosted APIs,
 *   or a local Ollama / vLLM / text-embeddings-inference server — at `EMBEDDINGS_BASE_URL`
 *   (default: `LLM_BASE_URL`) with `EMBEDDINGS_API_KEY` (default: `LLM_API_KEY`) and
 *   `EMBEDDINGS_MODEL`.
 * - `EMBEDDINGS_PROVIDER=workers-ai`: Cloudflare Workers AI through the Worker's `AI` binding
 *   (wrangler.toml `[ai]`), `EMBEDDINGS_MODEL` e.g. @cf/baai/bge-m3 (Chinese and English).
 * Pick a multilingual model for a knowledge base in both languages.
 */
export function createSemanticSearch(
  env: RuntimeEnv,
  bindings: { AI?: Ai | undefined } = {},
  limits: { maxBytes?: number } = {},
): SemanticSearch | undefined {
  const options = { weight: env.SEARCH_SEMANTIC_WEIGHT ?? 1, timeoutMs: env.EMBEDDINGS_TIMEOUT_MS ?? 1500, ...limits };
  switch (env.EMBEDDINGS_PROVIDER ?? 'none') {
    case 'openai': {
      const model = env.EMBEDDINGS_MODEL ?? 'text-embedding-3-small';
      const baseURL = env.EMBEDDINGS_BASE_URL ?? env.LLM_BASE_URL;
      const client = (timeout: number, maxRetries: number) =>
        new OpenAIEmbeddings({
          model,
          apiKey: env.EMBEDDINGS_API_KEY ?? env.LLM_API_KEY ?? 'not-needed',
          batchSize: 32,
          timeout,
          maxRetries,
          ...(baseURL ? { configuration: { baseURL } } : {}),
        });
      // Articles in the background with time to spare; queries within the budget, abandoned after it.
      return new SemanticSearch(client(60_000, 2), { model, ...options }, client(options.timeoutMs, 0));
    }
    case 'workers-ai': {
      if (!bindings.AI) throw new Error('config: EMBEDDINGS_PROVIDER=workers-ai needs the Workers AI binding AI (wrangler.toml [ai]); on Node use an OpenAI-compatible endpoint');
      const model = env.EMBEDDINGS_MODEL ?? '@cf/baai/bge-m3';
      return new SemanticSearch(new CloudflareWorkersAIEmbeddings({ binding: bindings.AI, model }), { model, ...options });
    }
    default:
      return undefined;
  }
}
