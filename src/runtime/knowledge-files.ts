import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceFile } from '../features/knowledge/knowledge.service.js';

export const KNOWLEDGE_DIR = fileURLToPath(new URL('../../knowledge', import.meta.url));

/**
 * Reads a knowledge folder: `categories.yaml` and every `*.md` below it except READMEs.
 * Paths in the result are relative to the folder, for readable import reports.
 */
export async function readKnowledgeDir(dir: string = KNOWLEDGE_DIR): Promise<{
  categoriesFile?: SourceFile;
  articleFiles: SourceFile[];
}> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const articlePaths = entries
    .filter((e) => e.isFile() && e.name.endsWith('.md') && e.name.toLowerCase() !== 'readme.md')
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  const articleFiles = await Promise.all(
    articlePaths.map(async (p) => ({ path: path.relative(dir, p), text: await readFile(p, 'utf8') })),
  );
  const categoriesPath = path.join(dir, 'categories.yaml');
  const categoriesText = await readFile(categoriesPath, 'utf8').catch(() => undefined);
  return {
    ...(categoriesText === undefined ? {} : { categoriesFile: { path: 'categories.yaml', text: categoriesText } }),
    articleFiles,
  };
}

/** Writes knowledge files under `dir` (creating folders); returns how many files changed. */
export async function writeKnowledgeDir(dir: string, files: SourceFile[]): Promise<number> {
  let changed = 0;
  for (const file of files) {
    const target = path.join(dir, file.path);
    const before = await readFile(target, 'utf8').catch(() => undefined);
    if (before === file.text) continue;
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.text, 'utf8');
    changed++;
  }
  return changed;
}
