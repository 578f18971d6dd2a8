/**
 * Sends a knowledge folder to POST /api/admin/knowledge/import in chunks (no Node API here:
 * the workerd tests use it too). Chunks keep each request under the body limit and each D1
 * batch well under the statements a Worker invocation may run. The categories file goes with
 * every chunk (an idempotent upsert), so each chunk validates on its own, dry runs included.
 */
import type { ImportReport, SourceFile } from '../../src/features/knowledge/knowledge.service.js';

export type KnowledgeFiles = { categoriesFile?: SourceFile; articleFiles: SourceFile[] };
export type ImportRequestBody = { categories_file?: SourceFile; article_files: SourceFile[]; dry_run: boolean };
export type PushOptions = { filesPerRequest?: number; dryRun?: boolean };

/** Files per request by default: 2 statements each plus the categories and 3 more stay under D1 free-plan 50 queries. */
export const DEFAULT_FILES_PER_REQUEST = 15;

/** Calls `send` once per chunk, in order, and sums the reports. */
export async function importInChunks(
  files: KnowledgeFiles,
  send: (body: ImportRequestBody) => Promise<ImportReport>,
  options: PushOptions = {},
): Promise<ImportReport> {
  const size = options.filesPerRequest ?? DEFAULT_FILES_PER_REQUEST;
  const total: ImportReport = { created: 0, updated: 0, unchanged: 0, categories: 0, failed: [], changes: [] };
  const chunks = Math.max(1, Math.ceil(files.articleFiles.length / size));
  for (let i = 0; i < chunks; i++) {
    const body: ImportRequestBody = {
      ...(files.categoriesFile ? { categories_file: files.categoriesFile } : {}),
      article_files: files.articleFiles.slice(i * size, (i + 1) * size),
      dry_run: options.dryRun ?? false,
    };
    const report = await send(body);
    total.created += report.created;
    total.updated += report.updated;
    total.unchanged += report.unchanged;
    total.categories = report.categories;
    total.failed.push(...report.failed);
    total.changes.push(...report.changes);
  }
  return total;
}
