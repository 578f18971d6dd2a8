/**
 * Evaluation datasets: a folder with `articles.jsonl` ({id, title, body, locale, questions?,
 * category?}) and `queries.jsonl` ({q, expected: id | null, locale}). Any other field is
 * ignored, and `expected` is only ever used to score.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { LOCALES, type Locale } from '../../src/db/schema/index.js';
import { MAX_BODY_CHARS } from '../../src/features/knowledge/knowledge.schemas.js';
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

/** A dataset locale as the product's: `zh-CN` → zh, `en_US` → en; undefined for others. */
export function productLocale(locale: string): Locale | undefined {
  const base = locale.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return (LOCALES as readonly string[]).includes(base) ? (base as Locale) : undefined;
}

/** Cuts a text to `max` characters, at a space when one is near the end. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const space = text.lastIndexOf(' ', max);
  return (space > max * 0.8 ? text.slice(0, space) : text.slice(0, max)).trim();
}

/**
 * Fits a dataset article to the product's limits instead of losing it to the import's
 * validation: other locales are indexed as English, over-long titles, questions and bodies
 * are cut, empty and repeated questions dropped, at most 500 questions kept. Returns the
 * article and whether anything was changed.
 */
export function fitToProduct(a: EvalArticle): { article: EvalArticle & { locale: Locale }; changed: boolean } {
  const locale = productLocale(a.locale) ?? 'en';
  const title = cut(a.title.trim(), 200);
  const questions = [...new Set((a.questions ?? []).map((q) => cut(q.trim(), 300)).filter(Boolean))].slice(0, 500);
  const body = cut(a.body, MAX_BODY_CHARS - 1000);
  const changed = locale !== a.locale || title !== a.title || body !== a.body || questions.length !== (a.questions ?? []).length || questions.some((q, i) => q !== a.questions?.[i]);
  return { article: { ...a, locale, title, questions, body }, changed };
}

/**
 * Turns dataset articles into knowledge files (markdown + frontmatter), so they enter the
 * database through the product's own import. Returns the files, each id's `locale/slug`
 * (slugs are unique per locale only) and how many articles had to be fitted.
 */
export function toKnowledgeFiles(input: EvalArticle[]): { categoriesFile: SourceFile; articleFiles: SourceFile[]; slugOf: Map<string, string>; adjusted: number } {
  const fitted = input.map(fitToProduct);
  const adjusted = fitted.filter((f) => f.changed).length;
  const articles = fitted.map((f) => f.article);
  const slugOf = new Map<string, string>();
  const used = new Set<string>();
  const categories = new Set<string>();
  const articleFiles = articles.map((a) => {
    let slug = slugify(a.id);
    for (let n = 2; used.has(`${a.locale}/${slug}`); n++) slug = `${slugify(a.id).slice(0, 64)}-${n}`;
    used.add(`${a.locale}/${slug}`);
    slugOf.set(a.id, `${a.locale}/${slug}`);
    const category = slugify(a.category ?? 'general');
    categories.add(category);
    const frontmatter = YAML.stringify({ slug, locale: a.locale, title: a.title, kind: 'faq', category, audience: 'public', questions: a.questions ?? [] });
    return { path: `${a.locale}/${slug}.md`, text: `---\n${frontmatter}---\n\n${a.body.trim() || a.title}\n` };
  });
  const categoriesYaml = YAML.stringify([...categories].map((slug, i) => ({ slug, order: i, names: { en: slug, zh: slug } })));
  return { categoriesFile: { path: 'categories.yaml', text: categoriesYaml }, articleFiles, slugOf, adjusted };
}
