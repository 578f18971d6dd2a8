/**
 * Imports `knowledge/` (or another folder) into the database named by DATABASE_URL:
 *   npm run kb:import [-- --dir path/to/knowledge] [--dry-run]
 * Unchanged files are skipped; changed ones update their article; bad files are listed with
 * the field at fault and the rest still import. Exits 1 when any file was rejected.
 */
import { parseArgs } from 'node:util';
import { importKnowledge } from '../src/features/knowledge/knowledge.service.js';
import { readKnowledgeDir } from '../src/runtime/knowledge-files.js';
import { openNodeDeps } from '../src/runtime/node-deps.js';

async function main() {
  const { values } = parseArgs({ options: { dir: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } } });
  const { deps, client } = await openNodeDeps({ ...process.env, LOG_LEVEL: 'warn' });
  try {
    const dryRun = values['dry-run'] === true;
    const report = await importKnowledge(deps, { ...(await readKnowledgeDir(values.dir)), dryRun });
    for (const change of report.changes) console.log(`  ${dryRun ? 'would ' : ''}${change.action} ${change.article}  (${change.path})`);
    console.log(dryRun ? '(dry run: nothing was written)' : '');
    console.log(
      `categories: ${report.categories}  created: ${report.created}  updated: ${report.updated}  unchanged: ${report.unchanged}  rejected: ${report.failed.length}`,
    );
    for (const f of report.failed) {
      for (const e of f.errors) console.log(`  ${f.path}: ${e.path}: ${e.message}`);
    }
    process.exitCode = report.failed.length > 0 ? 1 : 0;
  } finally {
    client.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
