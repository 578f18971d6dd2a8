/**
 * Evaluation datasets: a folder with `articles.jsonl` ({id, title, body, locale, questions?,
 * category?}) and `queries.jsonl` ({q, expected: id | null, locale}). Any other field is
 * ignored, and `expected` is only ever used to score.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import type { SourceFile } from '../../src/features/knowledge/knowledge.service.js';

const ArticleLine = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  body: z.string(),
  locale: z.string().min(2),
  questions: z.array(z.string()).optional(),
  category: z.string().optional(),
});
const QueryLine = z.object({ q: z.string(), expected: z.string().nullable(), locale: z.string().min(2) });

export type EvalArticle = z.infer<typeof ArticleLine>;
export type EvalQuery = z.infer<typeof QueryLine>;

async function readJsonl<T>(file: string, schema: z.ZodType<T>): Promise<T[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const parsed = schema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues.map((e) => `${e.path.join('.')}: ${e.message}`).join('; ')}`);
      return parsed.data;
    });
}

export async function loadDataset(dir: string) {
  const articles = await readJsonl(path.join(dir, 'articles.jsonl'), ArticleLine);
  const queries = await readJsonl(path.join(dir, 'queries.jsonl'), QueryLine);
  return { name: path.relative(process.cwd(), path.resolve(dir)) || path.basename(path.resolve(dir)), dir, articles, queries };
}

const slugify = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 70) || 'article';

/**
 * Turns dataset articles into knowledge files (markdown + frontmatter), so they enter the
 * database through the product's own import. Returns the files and the slug of each id.
 */
export function toKnowledgeFiles(articles: EvalArticle[]): { categoriesFile: SourceFile; articleFiles: SourceFile[]; slugOf: Map<string, string> } {
  const slugOf = new Map<string, string>();
  const used = new Set<string>();
  const categories = new Set<string>();
  const articleFiles = articles.map((a) => {
    let slug = slugify(a.id);
    for (let n = 2; used.has(`${a.locale}/${slug}`); n++) slug = `${slugify(a.id).slice(0, 64)}-${n}`;
    used.add(`${a.locale}/${slug}`);
    slugOf.set(a.id, slug);
    const category = slugify(a.category ?? 'general');
    categories.add(category);
    const frontmatter = YAML.stringify({ slug, locale: a.locale, title: a.title, kind: 'faq', category, audience: 'public', questions: a.questions ?? [] });
    return { path: `${a.locale}/${slug}.md`, text: `---\n${frontmatter}---\n\n${a.body.trim() || a.title}\n` };
  });
  const categoriesYaml = YAML.stringify([...categories].map((slug, i) => ({ slug, order: i, names: { en: slug, zh: slug } })));
  return { categoriesFile: { path: 'categories.yaml', text: categoriesYaml }, articleFiles, slugOf };
}
