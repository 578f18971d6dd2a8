/**
 * The database's articles as knowledge files (markdown + frontmatter), the inverse of the
 * import: exporting and importing again changes nothing. Live content only — a staged edit of
 * a published article is not exported until it is published.
 */
import { asc } from 'drizzle-orm';
import YAML from 'yaml';
import { articles, categories } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { asFrontmatter, type SourceFile } from './knowledge.service.js';

const YAML_OPTIONS = { lineWidth: 0 } as const;

export async function exportKnowledge(deps: Pick<Deps, 'db'>): Promise<{ categoriesFile: SourceFile; articleFiles: SourceFile[] }> {
  const [rows, cats] = await deps.db.batch([
    deps.db.select().from(articles).orderBy(asc(articles.locale), asc(articles.category), asc(articles.slug)),
    deps.db.select().from(categories).orderBy(asc(categories.position), asc(categories.slug)),
  ]);
  const articleFiles = rows.map((row) => {
    const { body, ...frontmatter } = asFrontmatter(row);
    return { path: `${row.locale}/${row.category}/${row.slug}.md`, text: `---\n${YAML.stringify(frontmatter, YAML_OPTIONS)}---\n\n${body}\n` };
  });
  const categoriesYaml = YAML.stringify(
    cats.map((c) => ({ slug: c.slug, order: c.position, names: c.names, descriptions: c.descriptions })),
    YAML_OPTIONS,
  );
  return { categoriesFile: { path: 'categories.yaml', text: categoriesYaml }, articleFiles };
}
