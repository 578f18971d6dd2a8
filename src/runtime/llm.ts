import { ChatCloudflareWorkersAI } from '@langchain/cloudflare';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { ChatOpenAI } from '@langchain/openai';
import type { RuntimeEnv } from './config.js';

/**
 * The chat model the configuration selects, or undefined (the default: extractive answers).
 * - `LLM_PROVIDER=openai`: any OpenAI-compatible endpoint — hosted APIs, or a local Ollama /
 *   vLLM server — at `LLM_BASE_URL` with `LLM_API_KEY` and `LLM_MODEL`.
 * - `LLM_PROVIDER=workers-ai`: Cloudflare Workers AI with `CLOUDFLARE_ACCOUNT_ID`,
 *   `CLOUDFLARE_API_TOKEN` and `LLM_MODEL` (e.g. @cf/meta/llama-3.1-8b-instruct).
 */
export function createChatModel(env: RuntimeEnv): BaseChatModel | undefined {
  switch (env.LLM_PROVIDER ?? 'none') {
    case 'openai':
      return new ChatOpenAI({
        model: env.LLM_MODEL ?? 'gpt-4o-mini',
        apiKey: env.LLM_API_KEY ?? 'not-needed',
        temperature: 0.2,
        maxRetries: 1,
        ...(env.LLM_BASE_URL ? { configuration: { baseURL: env.LLM_BASE_URL } } : {}),
      });
    case 'workers-ai':
      return new ChatCloudflareWorkersAI({
        model: env.LLM_MODEL ?? '@cf/meta/llama-3.1-8b-instruct',
        ...(env.CLOUDFLARE_ACCOUNT_ID ? { cloudflareAccountId: env.CLOUDFLARE_ACCOUNT_ID } : {}),
        ...(env.CLOUDFLARE_API_TOKEN ? { cloudflareApiToken: env.CLOUDFLARE_API_TOKEN } : {}),
        streaming: true,
      });
    default:
      return undefined;
  }
}
