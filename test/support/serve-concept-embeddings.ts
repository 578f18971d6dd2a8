/**
 * Runs the stand-in embedding model as an OpenAI-compatible server, to try semantic
 * re-ranking by hand without a real model:
 *   npx tsx test/support/serve-concept-embeddings.ts        # prints its URL
 *   EMBEDDINGS_PROVIDER=openai EMBEDDINGS_BASE_URL=<url> EMBEDDINGS_MODEL=concepts npm start
 */
import { startEmbeddingsServer } from './concept-embeddings-server.js';

const { url } = await startEmbeddingsServer(Number(process.env.PORT ?? 0));
console.log(`concept embeddings at ${url}`);
