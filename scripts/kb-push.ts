/**
 * Imports `knowledge/` into a running Edge Helpdesk over HTTP — the way to fill a Worker's D1
 * database, which no local process can open:
 *   npm run kb:push -- --url https://helpdesk.example.workers.dev --token ehd_… [--dir knowledge] [--dry-run]
 * The token (an admin's) may also come from HELPDESK_TOKEN. Same report as `npm run kb:import`;
 * exits 1 when any file was rejected.
 */
import { parseArgs } from 'node:util';
import { pushKnowledge } from './lib/push-knowledge.js';

async function main() {
  const { values } = parseArgs({ options: { url: { type: 'string' }, token: { type: 'string' }, dir: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } } });
  const token = values.token ?? process.env.HELPDESK_TOKEN;
  if (!values.url || !token) throw new Error('usage: npm run kb:push -- --url URL --token ADMIN_TOKEN [--dir DIR] [--dry-run]');
  const dryRun = values['dry-run'] === true;
  const report = await pushKnowledge(values.url, token, { dir: values.dir, dryRun });
  for (const change of report.changes) console.log(`  ${dryRun ? 'would ' : ''}${change.action} ${change.article}  (${change.path})`);
  console.log(`categories: ${report.categories}  created: ${report.created}  updated: ${report.updated}  unchanged: ${report.unchanged}  rejected: ${report.failed.length}`);
  for (const f of report.failed) for (const e of f.errors) console.log(`  ${f.path}: ${e.path}: ${e.message}`);
  process.exitCode = report.failed.length > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
