/**
 * Writes the database's articles to `knowledge/` (or --dir) as markdown with frontmatter:
 *   npm run kb:export [-- --dir path]
 * Unchanged files are left alone; `npm run kb:import` right after changes nothing.
 */
import { parseArgs } from 'node:util';
import { exportKnowledge } from '../src/features/knowledge/knowledge.export.js';
import { KNOWLEDGE_DIR, writeKnowledgeDir } from '../src/runtime/knowledge-files.js';
import { openNodeDeps } from '../src/runtime/node-deps.js';

async function main() {
  const { values } = parseArgs({ options: { dir: { type: 'string' } } });
  const dir = values.dir ?? KNOWLEDGE_DIR;
  const { deps, client } = await openNodeDeps({ ...process.env, LOG_LEVEL: 'warn' });
  try {
    const { categoriesFile, articleFiles } = await exportKnowledge(deps);
    const changed = await writeKnowledgeDir(dir, [categoriesFile, ...articleFiles]);
    console.log(`exported ${articleFiles.length} articles to ${dir} (${changed} files written, the rest unchanged)`);
  } finally {
    client.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
