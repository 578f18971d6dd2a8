/** Node side of `kb:push`: reads a knowledge folder and sends it to a running helpdesk over HTTP. */
import type { ImportReport } from '../../src/features/knowledge/knowledge.service.js';
import { readKnowledgeDir } from '../../src/runtime/knowledge-files.js';
import { importInChunks } from './knowledge-push.js';

/** Pushes a knowledge folder to `url` with an admin token; throws with the server's problem on an HTTP error. */
export async function pushKnowledge(url: string, token: string, options: { dir?: string | undefined; dryRun?: boolean } = {}): Promise<ImportReport> {
  const files = await readKnowledgeDir(options.dir);
  return importInChunks(
    files,
    async (body) => {
      const res = await fetch(new URL('/api/admin/knowledge/import', url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`kb:push: ${res.status} from ${url}: ${await res.text()}`);
      return (await res.json()) as ImportReport;
    },
    { dryRun: options.dryRun ?? false },
  );
}
