import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { articleRevisions, articles, auditLog, categories } from '../../src/db/schema/index.js';
import { importKnowledge, parseArticleFile } from '../../src/features/knowledge/knowledge.service.js';
import { readKnowledgeDir } from '../../src/runtime/knowledge-files.js';
import { createTestDeps } from '../helpers.js';

const validFile = (overrides: Record<string, string> = {}) => {
  const fm = {
    slug: 'sample-article',
    locale: 'en',
    title: 'A sample article',
    summary: 'It answers a question.',
    kind: 'faq',
    category: 'orders',
    audience: 'public',
    tags: '[orders]',
    questions: '\n  - how do I do it?\n  - can I do it',
    ...overrides,
  };
  const yaml = Object.entries(fm)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
  return `---\n${yaml}\n---\n\nThe answer, in **markdown**.\n`;
};

const CATEGORIES = { path: 'categories.yaml', text: '- slug: orders\n  order: 1\n  names: { en: Orders, zh: 订单 }\n' };

describe('knowledge import of the real knowledge/ folder', () => {
  it('imports every file with no failure, ≥40 articles per locale and ≥8 internal ones', async () => {
    const { deps } = await createTestDeps();
    const report = await importKnowledge(deps, await readKnowledgeDir());
    expect(report.failed).toEqual([]);
    const perLocale = await deps.db.select({ locale: articles.locale, n: count() }).from(articles).groupBy(articles.locale);
    const byLocale = Object.fromEntries(perLocale.map((r) => [r.locale, r.n]));
    expect(byLocale.en).toBeGreaterThanOrEqual(40);
    expect(byLocale.zh).toBeGreaterThanOrEqual(40);
    const internal = await deps.db.select({ n: count() }).from(articles).where(eq(articles.audience, 'internal'));
    expect(internal[0]!.n).toBeGreaterThanOrEqual(8);
    const all = await deps.db.select().from(articles);
    for (const a of all) {
      expect(a.questions.length, `${a.locale}/${a.slug} questions`).toBeGreaterThanOrEqual(2);
      expect(a.questions.length, `${a.locale}/${a.slug} questions`).toBeLessThanOrEqual(4);
    }
    // Translations are linked: most groups hold both locales.
    const groups = new Map<string, Set<string>>();
    for (const a of all) groups.set(a.translationGroup, (groups.get(a.translationGroup) ?? new Set()).add(a.locale));
    const paired = [...groups.values()].filter((s) => s.size === 2).length;
    expect(paired).toBeGreaterThanOrEqual(40);
  });

  it('is idempotent: a second run changes nothing and duplicates nothing', async () => {
    const { deps } = await createTestDeps();
    const files = await readKnowledgeDir();
    const first = await importKnowledge(deps, files);
    const second = await importKnowledge(deps, files);
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: first.created, failed: [] });
    const [n] = await deps.db.select({ n: count() }).from(articles);
    expect(n!.n).toBe(first.created);
    const [revs] = await deps.db.select({ n: count() }).from(articleRevisions);
    expect(revs!.n).toBe(first.created);
  });
});

describe('knowledge import rules', () => {
  it('updates a changed file in place with a new version and revision', async () => {
    const { deps, clock } = await createTestDeps();
    await importKnowledge(deps, { categoriesFile: CATEGORIES, articleFiles: [{ path: 'en/a.md', text: validFile() }] });
    clock.advance(60_000);
    const report = await importKnowledge(deps, {
      categoriesFile: CATEGORIES,
      articleFiles: [{ path: 'en/a.md', text: validFile({ title: 'A better title' }) }],
    });
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const rows = await deps.db.select().from(articles);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ title: 'A better title', version: 2 });
    // Still published since the first import: re-import does not move the publish date.
    expect(rows[0]!.publishedAt!.getTime()).toBeLessThan(rows[0]!.updatedAt.getTime());
    const revs = await deps.db.select().from(articleRevisions).where(eq(articleRevisions.articleId, rows[0]!.id));
    expect(revs.map((r) => r.version).sort()).toEqual([1, 2]);
    const audits = await deps.db.select().from(auditLog).where(eq(auditLog.action, 'knowledge.import'));
    expect(audits).toHaveLength(2);
  });

  it('reports a malformed file with its path and field while the others import', async () => {
    const { deps } = await createTestDeps();
    const report = await importKnowledge(deps, {
      categoriesFile: CATEGORIES,
      articleFiles: [
        { path: 'en/good.md', text: validFile() },
        { path: 'en/bad-locale.md', text: validFile({ slug: 'two', locale: 'fr' }) },
        { path: 'en/bad-yaml.md', text: '---\ntitle: [unclosed\n---\nbody' },
        { path: 'en/no-frontmatter.md', text: 'Just text, no frontmatter.' },
        { path: 'en/unknown-category.md', text: validFile({ slug: 'three', category: 'nowhere' }) },
        { path: 'en/duplicate.md', text: validFile() },
        { path: 'en/empty-body.md', text: validFile({ slug: 'four' }).replace(/\n---\n[\s\S]*$/, '\n---\n') },
        { path: 'en/extra-field.md', text: validFile({ slug: 'five', colour: 'blue' }) },
      ],
    });
    expect(report.created).toBe(1);
    const byPath = Object.fromEntries(report.failed.map((f) => [f.path, f.errors.map((e) => e.path)]));
    expect(byPath).toEqual({
      'en/bad-locale.md': ['locale'],
      'en/bad-yaml.md': ['(frontmatter)'],
      'en/no-frontmatter.md': ['(frontmatter)'],
      'en/unknown-category.md': ['category'],
      'en/duplicate.md': ['slug'],
      'en/empty-body.md': ['body'],
      'en/extra-field.md': ['(frontmatter)'],
    });
    const [n] = await deps.db.select({ n: count() }).from(articles);
    expect(n!.n).toBe(1);
  });

  it('reports a bad categories file and keeps the existing categories', async () => {
    const { deps } = await createTestDeps();
    await importKnowledge(deps, { categoriesFile: CATEGORIES, articleFiles: [] });
    const report = await importKnowledge(deps, {
      categoriesFile: { path: 'categories.yaml', text: '- slug: Bad Slug\n  names: { en: X }\n' },
      articleFiles: [{ path: 'en/a.md', text: validFile() }],
    });
    expect(report.failed[0]).toMatchObject({ path: 'categories.yaml', errors: [{ path: '0.slug' }] });
    expect(report.created).toBe(1);
    const cats = await deps.db.select().from(categories);
    expect(cats.map((c) => c.slug)).toEqual(['orders']);
  });

  it('parses questions, tags and translation key from frontmatter', () => {
    const result = parseArticleFile({ path: 'x.md', text: validFile({ translation: 'shared-key' }) });
    expect(result).toMatchObject({
      ok: true,
      article: { questions: ['how do I do it?', 'can I do it'], tags: ['orders'], translation: 'shared-key', body: 'The answer, in **markdown**.' },
    });
  });
});

describe('content as code', () => {
  it('export → import changes nothing, and the export is stable', async () => {
    const { exportKnowledge } = await import('../../src/features/knowledge/knowledge.export.js');
    const { deps } = await createTestDeps();
    await importKnowledge(deps, await readKnowledgeDir());
    const exported = await exportKnowledge(deps);
    expect(exported.articleFiles.length).toBeGreaterThanOrEqual(80);
    const again = await importKnowledge(deps, exported);
    expect(again).toMatchObject({ created: 0, updated: 0, failed: [], changes: [] });
    expect(again.unchanged).toBe(exported.articleFiles.length);

    // Into an empty database and out again: the same files.
    const fresh = await createTestDeps();
    await importKnowledge(fresh.deps, exported);
    const second = await exportKnowledge(fresh.deps);
    expect(second.articleFiles).toEqual(exported.articleFiles);
    expect(second.categoriesFile).toEqual(exported.categoriesFile);
  });

  it('a dry run reports the changes and writes nothing', async () => {
    const { deps } = await createTestDeps();
    const files = await readKnowledgeDir();
    await importKnowledge(deps, files);
    const edited = files.articleFiles.map((f, i) => (i === 0 ? { ...f, text: f.text.replace(/\n\n/, '\n\nA new first line.\n\n') } : f));
    const dry = await importKnowledge(deps, { ...files, articleFiles: edited, dryRun: true });
    expect(dry.changes).toEqual([{ path: edited[0]!.path, action: 'update', article: expect.any(String) }]);
    const [revs] = await deps.db.select({ n: count() }).from(articleRevisions);
    expect(revs!.n).toBe(files.articleFiles.length);
  });
});
